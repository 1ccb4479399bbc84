import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { defineSchema } from "../../provider/schema/schema";
import { SCHEMAS } from "../../provider/resources/schemas";
import { propertyTables, referencePage, tablesIn, withTables } from "../../provider/schema/docs";
import { diffInputs } from "../../provider/schema/diff";
import { text } from "../../provider/schema/propertyTypes";

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const pageOf = (schema: (typeof SCHEMAS)[number]) => readFileSync(join(root, referencePage(schema)), "utf8");

describe.each(SCHEMAS.map((s) => [s.name, s] as const))("the %s declaration", (_name, schema) => {
  test("and its reference page's tables say the same (npm run docs rewrites them)", () => {
    expect(tablesIn(pageOf(schema), schema.name)).toBe(propertyTables(schema));
  });

  test("and the README links to its reference page", () => {
    expect(readme).toContain(`](${referencePage(schema)})`);
  });

  test.each(Object.entries(schema.inputs))("diff treats a change of %s as the declaration says", (name, spec) => {
    const olds: Record<string, unknown> = { [name]: "before" };
    const result = diffInputs(schema, olds, { [name]: "after" });
    expect(result.changes).toBe(true);
    expect(result.replaces).toEqual(spec.onChange === "replace" ? [name] : []);
    // Deleting first is needed exactly when the replacement keeps the identity.
    expect(result.deleteBeforeReplace).toBe(spec.onChange === "replace" && !schema.identity.includes(name));
  });

  test("every identity property replaces", () => {
    for (const name of schema.identity) expect(schema.inputs[name]?.onChange).toBe("replace");
  });
});

test("the README stays a first screen: under 300 lines, the reference lives in docs/resources", () => {
  expect(readme.split("\n").length).toBeLessThan(300);
  expect(readme).not.toContain("<!-- properties:");
});

test("the docs test fails when a reference page disagrees", () => {
  const schema = SCHEMAS[0];
  const edited = withTables(pageOf(schema), schema).replace("| update |", "| replace |");
  expect(tablesIn(edited, schema.name)).not.toBe(propertyTables(schema));
});

test("a property cannot be both an input and an output", () => {
  expect(() =>
    defineSchema({
      name: "Broken",
      inputs: { a: { type: text, onChange: "update", doc: "a" } },
      outputs: { a: { type: text, doc: "a" } },
      identity: [],
      clash: "",
    }),
  ).toThrow("schema Broken: a is declared both as an input and as an output");
});

describe("the resource classes", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    ),
  );

  test("register every declared input and output, and nothing else", async () => {
    const { MailAddress, MailAddressNotifyUrl, MailDomain, MailDomainVerification, MailTag, ReceiverList } = await import("../../provider");
    const address = new MailAddress("a", { accountName: "a@example.com", sendtype: "batch", password: "ABcdefgh12" });
    const notify = new MailAddressNotifyUrl("n", { mailFrom: "a@example.com", notifyUrl: "https://h.example.com/x" });
    const domain = new MailDomain("d", { domainName: "mail.example.com" });
    const list = new ReceiverList("r", {
      receiversName: "news",
      receiversAlias: "news@example.com",
      members: [{ email: "a@example.org" }],
    });
    const tag = new MailTag("t", { tagName: "welcome" });
    const verification = new MailDomainVerification("v", { domainId: domain.domainId, recordFqdns: ["aliyundm.mail.example.com"] });
    const schemaOf = (name: string) => SCHEMAS.find((s) => s.name === name)!;
    expect(SCHEMAS.map((s) => s.name).sort()).toEqual([
      "MailAddress",
      "MailAddressNotifyUrl",
      "MailDomain",
      "MailDomainVerification",
      "MailTag",
      "ReceiverList",
    ]);
    for (const [resource, schema] of [
      [address, schemaOf("MailAddress")],
      [notify, schemaOf("MailAddressNotifyUrl")],
      [domain, schemaOf("MailDomain")],
      [list, schemaOf("ReceiverList")],
      [tag, schemaOf("MailTag")],
      [verification, schemaOf("MailDomainVerification")],
    ] as const) {
      const declared = [...Object.keys(schema.inputs), ...Object.keys(schema.outputs)];
      for (const name of declared) expect(pulumi.Output.isInstance((resource as unknown as Record<string, unknown>)[name])).toBe(true);
      await new Promise((resolve) => resource.urn.apply(resolve));
      const props = registered.find((r) => r.type.endsWith(`directmail:${schema.name}`))?.inputs ?? {};
      expect(
        Object.keys(props)
          .filter((k) => k !== "__provider" && k !== "__urn")
          .every((k) => declared.includes(k)),
      ).toBe(true);
    }
  });

  test("mark every secret input as a secret output", async () => {
    const { MailAddress } = await import("../../provider");
    const address = new MailAddress("s", { accountName: "s@example.com", sendtype: "batch", replyVerificationTicket: "t-1" });
    expect(await pulumi.isSecret(address.replyVerificationTicket)).toBe(true);
  });
});

describe("the types the compiler derives from the declarations", () => {
  test("hold programs to them", async () => {
    const { MailAddress } = await import("../../provider");
    const make = () => {
      // @ts-expect-error accountName is declared required
      new MailAddress("t1", { sendtype: "batch" });
      // @ts-expect-error sendtype is declared as "batch" | "trigger"
      new MailAddress("t2", { accountName: "a@example.com", sendtype: "bulk" });
      // @ts-expect-error no such property is declared
      new MailAddress("t3", { accountName: "a@example.com", sendtype: "batch", colour: "red" });
      const ok = new MailAddress("t4", { accountName: "a@example.com", sendtype: "batch", region: "us-east-1" });
      // Outputs are typed from the declaration too: quotas are numbers, the ticket may be absent.
      const quota: pulumi.Output<number> = ok.dailyQuota;
      const ticket: pulumi.Output<string | undefined> = ok.replyVerificationTicket;
      return [quota, ticket];
    };
    expect(make).toBeDefined();
  });
});

test("a MailDomainVerification without domainName (every stack made before it existed) is not replaced: its output holds the name", async () => {
  const { mailDomainVerificationSchema } = await import("../../provider/resources/mailDomainVerification/schema");
  const olds = { domainId: "123", region: "cn-hangzhou", domainName: "mail.example.net", status: "verified" };
  expect(diffInputs(mailDomainVerificationSchema, olds, { domainId: "123", region: "cn-hangzhou" })).toMatchObject({
    changes: false,
    replaces: [],
  });
  expect(
    diffInputs(mailDomainVerificationSchema, olds, { domainId: "123", region: "cn-hangzhou", domainName: "mail.example.net" }).changes,
  ).toBe(false);
  expect(
    diffInputs(mailDomainVerificationSchema, olds, { domainId: "123", region: "cn-hangzhou", domainName: "other.example.net" }).replaces,
  ).toEqual(["domainName"]);
});
