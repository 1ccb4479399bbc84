import * as $Dm from "@alicloud/dm20151123";
import { COVERING_DIALECTS } from "../../emulator";
import { getMailTag, getMailTags, MailTag } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/**
 * A mail tag's whole life through the real engine, under each dialect (so every
 * open point of the tag actions is covered): create, rename in place, drift
 * after a hand delete, a tag read past the first page, the 11th tag refused,
 * adoption, destroy. Names have no underscores: one dialect forbids them.
 */

interface Plan {
  readonly name: string;
  readonly description?: string;
  readonly extra?: boolean;
}

const program = (plan: Plan) => async () => {
  const tag = new MailTag("welcome", { tagName: plan.name, tagDescription: plan.description });
  if (plan.extra) new MailTag("extra", { tagName: "extra" });
  return { id: tag.tagId, name: tag.tagName, description: tag.tagDescription };
};

const tagActions = (d: Deployment, since: number) =>
  d.emulator.requests
    .slice(since)
    .filter((r) => r.action !== "QueryTagByParam")
    .map((r) => `${r.action} ${r.code ?? r.status}`);

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let d: Deployment;
  let firstId: string;
  beforeAll(async () => {
    // Credentials in stack config, so that the program's own look-ups find them as the provider does.
    d = await deploy({ emulator: { dialect }, credentials: "config" });
  });
  afterAll(() => d.close());

  test("up creates the tag; a rename and a new description change it in place, with one ModifyTag", async () => {
    d.setProgram(program({ name: "welcome", description: "the sign-up mail" }));
    const up = await d.up();
    // The tag and the stack itself.
    expect(changes(up.summary)).toEqual({ create: 2 });
    firstId = up.outputs.id.value as string;
    expect(d.emulator.inspect.allTags().map((t) => [String(t.id), t.tagName, t.tagDescription])).toEqual([
      [firstId, "welcome", "the sign-up mail"],
    ]);

    const before = d.emulator.requests.length;
    d.setProgram(program({ name: "Welcome2", description: "renamed" }));
    const renamed = await d.up();
    expect(changes(renamed.summary)).toEqual({ update: 1 });
    expect(renamed.outputs).toMatchObject({ id: { value: firstId }, name: { value: "Welcome2" }, description: { value: "renamed" } });
    expect(tagActions(d, before)).toEqual(["ModifyTag 200"]);
    expect(d.emulator.inspect.allTags().map((t) => [String(t.id), t.tagName, t.tagDescription])).toEqual([
      [firstId, "Welcome2", "renamed"],
    ]);

    const quiet = d.emulator.requests.length;
    expect(changes((await d.up()).summary)).toEqual({});
    expect(tagActions(d, quiet)).toEqual([]);
  });

  test("a description left out is not managed: a rename keeps the one the tag has", async () => {
    d.setProgram(program({ name: "Welcome3" }));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ update: 1 });
    // Sent again with the name, whatever a ModifyTag without it would do.
    expect(d.emulator.inspect.allTags().map((t) => [t.tagName, t.tagDescription])).toEqual([["Welcome3", "renamed"]]);
    expect(up.outputs.description.value).toBe("renamed");
  });

  test("a tag deleted by hand drops out on refresh, and up makes it again", async () => {
    await d.officialSdk().deleteTag(new $Dm.DeleteTagRequest({ tagId: Number(firstId) }));
    const refresh = await d.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    d.setProgram(program({ name: "Welcome3", description: "renamed" }));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ create: 1 });
    expect(up.outputs.id.value).not.toBe(firstId);
    expect(d.emulator.inspect.allTags().map((t) => t.tagName)).toEqual(["Welcome3"]);
  });

  test("with the account at its 10 tags, the tag is found past the first page, and an 11th is refused with the limit named", async () => {
    // Made by hand first, so that the managed tag is the last one listed.
    const sdk = d.officialSdk();
    const [managed] = d.emulator.inspect.allTags();
    await sdk.deleteTag(new $Dm.DeleteTagRequest({ tagId: managed.id }));
    for (let i = 0; i < 9; i++) await sdk.createTag(new $Dm.CreateTagRequest({ tagName: `byhand${i}` }));
    await sdk.createTag(new $Dm.CreateTagRequest({ tagName: "Welcome3", tagDescription: "renamed" }));
    // The state still names the deleted id: refresh drops it, up adopts nothing and finds the name taken.
    await d.refresh();
    d.setProgram(program({ name: "Welcome3", description: "renamed" }));
    expect(String(await d.up().catch((e: Error) => e))).toMatch(
      /a tag named "Welcome3" already exists in cn-hangzhou \(id \d+\).*adopt: true/,
    );

    d.setProgram(async () => {
      const tag = new MailTag("welcome", { tagName: "Welcome3", tagDescription: "renamed", adopt: true });
      return { id: tag.tagId, adopted: tag.adopted };
    });
    const adopted = await d.up();
    expect(changes(adopted.summary)).toEqual({ create: 1 });
    expect(adopted.outputs.adopted.value).toBe(true);
    const last = d.emulator.inspect.allTags().at(-1)!;
    expect(adopted.outputs.id.value).toBe(String(last.id));

    const since = d.emulator.requests.length;
    const refresh = await d.refresh();
    expect(changes(refresh.summary)).toEqual({});
    const pages = d.emulator.requests.slice(since).filter((r) => r.action === "QueryTagByParam");
    // 10 tags: one page of 10, or (a service paging by 5) the tag is on the second page; without a
    // total to stop on, one more page says there is nothing after.
    const perPage = dialect.tagPageSize === "at-most-5" ? 5 : 10;
    expect(pages.length).toBe(10 / perPage + (dialect.totalCount === "absent" ? 1 : 0));

    d.setProgram(async () => {
      const tag = new MailTag("welcome", { tagName: "Welcome3", tagDescription: "renamed", adopt: true });
      new MailTag("extra", { tagName: "eleventh" });
      return { id: tag.tagId };
    });
    const err = await d.up().catch((e: Error) => e);
    expect(String(err)).toContain("the account already has the maximum number of tags (10");
    expect(d.emulator.inspect.allTags()).toHaveLength(10);
  });

  test("the look-ups see every tag, past the first page", async () => {
    d.setProgram(async () => {
      const tag = new MailTag("welcome", { tagName: "Welcome3", tagDescription: "renamed", adopt: true });
      return {
        id: tag.tagId,
        all: (await getMailTags()).map((t) => t.tagName).sort(),
        one: await getMailTag({ tagName: "welcome3" }),
        none: (await getMailTag({ tagName: "nothere" })) ?? "none",
      };
    });
    const up = await d.up();
    expect(changes(up.summary)).toEqual({});
    expect(up.outputs.all.value).toEqual(["Welcome3", ...Array.from({ length: 9 }, (_, i) => `byhand${i}`)]);
    expect(up.outputs.one.value).toEqual({ tagId: up.outputs.id.value, tagName: "Welcome3", tagDescription: "renamed" });
    expect(up.outputs.none.value).toBe("none");
  });

  test("adopting a tag by another case of its name applies the declared name and description; destroy deletes only the stack's tags", async () => {
    d.setProgram(async () => {
      const tag = new MailTag("welcome", { tagName: "Welcome3", tagDescription: "renamed", adopt: true });
      const legacy = new MailTag("legacy", { tagName: "BYHAND0", tagDescription: "taken over", adopt: true });
      return { id: tag.tagId, legacy: legacy.tagId };
    });
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ create: 1 });
    expect(d.emulator.inspect.allTags().find((t) => String(t.id) === up.outputs.legacy.value)).toMatchObject({
      tagName: "BYHAND0",
      tagDescription: "taken over",
    });
    // The two tags and the stack itself.
    expect(changes((await d.destroy()).summary)).toEqual({ delete: 3 });
    expect(
      d.emulator.inspect
        .allTags()
        .map((t) => t.tagName)
        .sort(),
    ).toEqual(Array.from({ length: 8 }, (_, i) => `byhand${i + 1}`));
  });

  test("a bad name fails at preview with the property and the rule, before any API call", async () => {
    const before = d.emulator.requests.length;
    d.setProgram(program({ name: "welcome-mail" }));
    const err = await d.preview().catch((e: Error) => e);
    expect(String(err)).toContain('tagName "welcome-mail" must hold only letters, digits and underscores, not "-"');
    expect(d.emulator.requests.length).toBe(before);
  });

  test("two tags of one name (case aside) in one program: one is made, the other refused naming it, whether or not the service refuses duplicates", async () => {
    const creates = () => d.emulator.requests.filter((r) => r.action === "CreateTag").length;
    const before = creates();
    d.setProgram(async () => {
      new MailTag("twin-a", { tagName: "Twin" });
      new MailTag("twin-b", { tagName: "TWIN" });
      return {};
    });
    const err = String(await d.up().catch((e: Error) => e));
    const twins = d.emulator.inspect.allTags().filter((t) => t.tagName.toLowerCase() === "twin");
    expect(twins).toHaveLength(1);
    expect(creates() - before).toBe(1);
    expect(err).toContain(`already exists in cn-hangzhou (id ${twins[0].id})`);
    expect(changes((await d.destroy()).summary).delete).toBeGreaterThanOrEqual(1);
  });
});
