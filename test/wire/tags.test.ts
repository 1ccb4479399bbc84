import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DirectMailServiceError, isGone } from "../../client";
import { COVERING_DIALECTS, startEmulator } from "../../emulator";
import { clientOf, harness, Harness } from "../support/emulator";
import { rawRequest } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/** Mail tags on the wire: the emulator's rules, under every dialect, and the client's reading of them. */

const code = (err: unknown) => (err instanceof DirectMailServiceError ? `${err.code} ${err.httpStatus}` : String(err));
const failure = (p: Promise<unknown>) =>
  p.then(
    () => "no error",
    (e: unknown) => e,
  );

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ dialect, rateLimits: false, tagLimit: 12 });
  });
  afterEach(() => h.close());

  test("create, list, find, modify and delete a tag; a gone tag reads as gone", async () => {
    expect(await h.client.listTags()).toEqual([]);
    const { tagId, recovered } = await h.client.createTag({ tagName: "welcome", tagDescription: "sign-up mail" });
    expect(recovered).toBe(false);
    expect(tagId).toMatch(/^\d+$/);
    expect(await h.client.findTagByName("WELCOME")).toEqual({ tagId, tagName: "welcome", tagDescription: "sign-up mail" });

    await h.client.modifyTag({ tagId, tagName: "Welcome2", tagDescription: "" });
    expect(await h.client.findTagById(tagId)).toEqual({ tagId, tagName: "Welcome2", tagDescription: "" });
    await h.client.modifyTag({ tagId, tagName: "Welcome2", tagDescription: "again" });
    expect((await h.client.findTagById(tagId))?.tagDescription).toBe("again");

    await h.client.deleteTag(tagId);
    expect(await h.client.listTags()).toEqual([]);
    // Gone, in the action's own words, or success with nothing done: either way the client's callers see "deleted".
    const again = await failure(h.client.deleteTag(tagId));
    const modified = await failure(h.client.modifyTag({ tagId, tagName: "x", tagDescription: "" }));
    if (dialect.tagNotFound === "ignored") {
      expect([again, modified]).toEqual(["no error", "no error"]);
    } else {
      expect(isGone(again)).toBe(true);
      expect(isGone(modified)).toBe(true);
      expect(String(again)).toContain(`no tag has id ${tagId}`);
    }
  });

  test("every tag is read past the first page, whatever page size the service uses", async () => {
    const made = [];
    for (let i = 0; i < 12; i++) made.push((await h.client.createTag({ tagName: `t${i}` })).tagId);
    const all = await h.client.listTags();
    expect(all.map((t) => t.tagId).sort()).toEqual([...made].sort());
    const pages = h.emulator.requests.filter((r) => r.action === "QueryTagByParam");
    // 12 tags: 2 pages of 10, or 3 of 5 (the answer's PageSize says so when there is no total to stop on).
    expect(pages).toHaveLength(dialect.tagPageSize === "at-most-5" ? 3 : 2);
    expect(await h.client.findTagById(made[11])).toMatchObject({ tagName: "t11" });
  });

  test("a CreateTag whose answer was lost is found by name, not made twice", async () => {
    h.emulator.faults.next("commit-then-drop", "CreateTag");
    const { tagId, recovered } = await h.client.createTag({ tagName: "lost" });
    expect(recovered).toBe(true);
    expect(h.emulator.inspect.allTags().map((t) => [String(t.id), t.tagName])).toEqual([[tagId, "lost"]]);
  });

  test("names are held to the dialect's rule; duplicates as the dialect says", async () => {
    const long = "a".repeat(60);
    const longAnswer = await failure(h.client.createTag({ tagName: long }));
    const underscore = await failure(h.client.createTag({ tagName: "with_underscore" }));
    expect(longAnswer === "no error" ? "ok" : code(longAnswer)).toBe(dialect.tagNames === "128" ? "ok" : "InvalidTagName.Malformed 400");
    expect(underscore === "no error" ? "ok" : code(underscore)).toBe(
      dialect.tagNames === "50-no-underscore" ? "InvalidTagName.Malformed 400" : "ok",
    );
    expect(code(await failure(h.client.createTag({ tagName: "a".repeat(129) })))).toBe("InvalidTagName.Malformed 400");
    expect(code(await failure(h.client.createTag({ tagName: "has-hyphen" })))).toBe("InvalidTagName.Malformed 400");
    const refused = await failure(h.client.createTag({ tagName: "Bad Name" }));
    expect(String(refused)).toContain('tagName "Bad Name" was refused: DirectMail documents 1-128 letters, digits and underscores');

    await h.client.createTag({ tagName: "dup" });
    const dup = await failure(h.client.createTag({ tagName: "DUP" }));
    if (dialect.tagDuplicate === "refused") {
      expect(code(dup)).toBe("InvalidTagName.Duplicate 400");
      expect((dup as DirectMailServiceError).kind).toBe("conflict");
      expect(String(dup)).toContain("set adopt: true");
    } else {
      expect(dup).toBe("no error");
    }
  });
});

describe("tag limits", () => {
  test("the 11th tag is refused with the limit named, and nothing is made", async () => {
    const h = await harness({ rateLimits: false });
    for (let i = 0; i < 10; i++) await h.client.createTag({ tagName: `t${i}` });
    const err = await failure(h.client.createTag({ tagName: "eleventh" }));
    expect(code(err)).toBe("InvalidTagNumber.Malformed 400");
    expect((err as DirectMailServiceError).kind).toBe("quota");
    expect(String(err)).toContain("the maximum number of tags (10");
    expect(h.emulator.inspect.allTags()).toHaveLength(10);
    await h.close();
  });

  test("CreateTag is limited to its documented 30 calls in 10 seconds; the client paces itself within it", async () => {
    const h = await harness({ tagLimit: 40 });
    const raw = [];
    for (let i = 0; i < 31; i++) raw.push(await rawRequest(h.emulator, { Action: "CreateTag", TagName: `raw${i}` }));
    expect(raw.slice(0, 30).every((r) => r.status === 200)).toBe(true);
    expect(raw[30].body.Code).toBe("Throttling.User");
    await h.close();

    const paced = await harness({ tagLimit: 40 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 32 }, (_, i) => paced.client.createTag({ tagName: `p${i}` })));
    // The 31st and 32nd wait for the window instead of being refused.
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    expect(paced.emulator.requests.filter((r) => r.action === "CreateTag").every((r) => r.status === 200)).toBe(true);
    await paced.close();
  }, 30_000);

  test("the wire's own refusals: missing parameters, a bad id, a long keyword", async () => {
    const h = await harness({ rateLimits: false });
    expect((await rawRequest(h.emulator, { Action: "CreateTag" })).body.Code).toBe("MissingTagName");
    expect((await rawRequest(h.emulator, { Action: "ModifyTag", TagId: "100001" })).body.Code).toBe("MissingTagName");
    expect((await rawRequest(h.emulator, { Action: "DeleteTag", TagId: "x1" })).body.Code).toBe("InvalidParameter");
    expect((await rawRequest(h.emulator, { Action: "DeleteTag", TagId: "424242" })).status).toBe(404);
    const keyword = await rawRequest(h.emulator, { Action: "QueryTagByParam", KeyWord: "k".repeat(51) });
    expect([keyword.status, keyword.body.Code]).toEqual([400, "InvalidKeyword.Malformed"]);
    expect(String(await failure(h.client.listTags({ keyWord: "k".repeat(51) })))).toContain("(1-50 characters)");
    // PageNumber is echoed (not PageNo), with the page size used.
    const page = await rawRequest(h.emulator, { Action: "QueryTagByParam", PageNo: "2", PageSize: "3" });
    expect(page.body).toMatchObject({ PageNumber: 2, PageSize: 3, TotalCount: 0, data: { tag: [] } });
    await h.close();
  });
});

describe("tags in the state file", () => {
  const scratch = scratchDir("tags-state");

  test("tags survive a restart, and a state file from before tags loads with none", async () => {
    const path = join(scratch, "state.json");
    const first = await startEmulator({ persistPath: path, rateLimits: false });
    const c1 = clientOf(first, { pacer: false });
    const { tagId } = await c1.createTag({ tagName: "kept", tagDescription: "d" });
    await c1.close();
    await first.stop();
    const second = await startEmulator({ persistPath: path, rateLimits: false });
    const c2 = clientOf(second, { pacer: false });
    expect(await c2.listTags()).toEqual([{ tagId, tagName: "kept", tagDescription: "d" }]);
    await c2.close();
    await second.stop();

    const old = join(scratch, "old.json");
    const region = { addresses: [], notifyUrls: {}, deletions: { month: "", count: 0 } };
    writeFileSync(old, JSON.stringify({ nextId: 100007, regions: { "cn-hangzhou": region }, tickets: [] }));
    const migrated = await startEmulator({ persistPath: old, rateLimits: false });
    const c3 = clientOf(migrated, { pacer: false });
    expect(await c3.listTags()).toEqual([]);
    expect((await c3.createTag({ tagName: "after" })).tagId).toMatch(/^\d+$/);
    expect(migrated.inspect.snapshot().regions["cn-hangzhou"].tags.map((t) => t.tagName)).toEqual(["after"]);
    await c3.close();
    await migrated.stop();

    const broken = join(scratch, "broken.json");
    writeFileSync(broken, JSON.stringify({ regions: { "cn-hangzhou": { ...region, tags: [{ id: "x" }] } }, tickets: [] }));
    await expect(startEmulator({ persistPath: broken })).rejects.toThrow(/"tags" entry that is not a list of tags/);
  });
});
