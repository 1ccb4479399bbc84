import { MailAddressRuntime } from "../../provider/resources/mailAddress/runtime";
import { NotifyUrlRuntime } from "../../provider/resources/notifyUrl/runtime";
import { MailDomainRuntime } from "../../provider/resources/mailDomain/runtime";
import { MailDomainVerificationRuntime } from "../../provider/resources/mailDomainVerification/runtime";
import { ClientPool } from "../../provider/config/clientPool";
import { readSettings } from "../../provider/config/settings";
import { passwordProblems, UNKNOWN } from "../../provider/schema/validation";
import type { MailAddressInputs, MailAddressOutputs } from "../../provider/resources/mailAddress/schema";
import { scratchDir } from "../support/scratch";

const pool = new ClientPool(readSettings((key) => (key === "directmail:region" ? "ap-southeast-1" : undefined), {}));
const provider = new MailAddressRuntime(() => pool);
const notify = new NotifyUrlRuntime(() => pool);

type Loose = Record<string, unknown>;
const check = (news: Loose) => provider.check({} as MailAddressInputs, news as unknown as MailAddressInputs);

describe("MailAddress check", () => {
  it("normalises the address to lower case and fixes the region from config", async () => {
    const r = await check({ accountName: "Sender@Example.COM", sendtype: "trigger" });
    expect(r.failures).toBeUndefined();
    expect(r.inputs).toMatchObject({ accountName: "sender@example.com", region: "ap-southeast-1" });
  });

  // Each refused input is a row of the bad-input matrix (test/wire/badInput/<area>.cases.ts).

  it("explains every broken password rule without repeating the password", async () => {
    const secret = "aaaa";
    const r = await check({ accountName: "a@example.com", sendtype: "batch", password: secret });
    const reasons = (r.failures ?? []).map((f) => f.reason);
    expect(reasons).toEqual([
      "password must be 10 to 20 characters long (it has 4)",
      "password must contain at least 2 digits",
      "password must contain at least 2 upper-case letters",
      "password must be one repeated character".replace("be", "not be"),
    ]);
    expect(JSON.stringify(r.failures)).not.toContain(secret);
    // Filed against no property, or the engine would print the value beside the reason.
    expect((r.failures ?? []).map((f) => f.property)).toEqual(["", "", "", ""]);
  });

  it.each(["first.last+tag@example.com", "o'brien@example.com", `${"l".repeat(64)}@example.com`])(
    "accepts the mailbox %s",
    async (accountName) => {
      expect((await check({ accountName, sendtype: "batch" })).failures).toBeUndefined();
    },
  );

  it("reports a secret input of the wrong type without filing it against the property", async () => {
    const r = await check({ accountName: "a@example.com", sendtype: "batch", password: 987654321 });
    expect(r.failures).toEqual([{ property: "", reason: "password must be a string, not number" }]);
  });

  it("refuses a password that is not printable ASCII, naming the rule, though it keeps DirectMail's counted rules", async () => {
    for (const password of ["Ab12Cd34éü", "Ab12Cd34\u00a0x", "Ab12Cd34\tzz"]) {
      expect(passwordProblems(password)).toEqual([]);
      const r = await check({ accountName: "a@example.com", sendtype: "batch", password });
      // A secret property is reported without its name field, as every password failure is (the reason names it).
      expect(r.failures).toEqual([{ property: "", reason: expect.stringContaining("password must be printable ASCII only") }]);
      expect(JSON.stringify(r.failures)).not.toContain(password);
    }
  });

  it("accepts passwords that meet DirectMail's rules", () => {
    expect(passwordProblems("ABcdefgh12")).toEqual([]);
    expect(passwordProblems("ABcd12!@#$%^&*()_+xy")).toEqual([]);
    expect(passwordProblems("ABcd12!@#$%^&*()_+xyz")).toEqual(["must be 10 to 20 characters long (it has 21)"]);
  });

  it("rejects a default region from config that is not a DirectMail region", async () => {
    const badPool = new ClientPool(readSettings((key) => (key === "directmail:region" ? "cn-beijing" : undefined), {}));
    const r = await new MailAddressRuntime(() => badPool).check(
      {} as MailAddressInputs,
      {
        accountName: "a@example.com",
        sendtype: "batch",
      } as MailAddressInputs,
    );
    expect(r.failures).toEqual([
      { property: "", reason: expect.stringContaining(`region "cn-beijing" (from directmail:region) is not a DirectMail region`) },
    ]);
  });

  it("skips values not known yet during preview", async () => {
    const r = await check({
      accountName: UNKNOWN,
      sendtype: "batch",
      password: UNKNOWN,
      replyAddress: UNKNOWN,
      verifyReplyAddress: true,
      region: UNKNOWN,
    });
    expect(r.failures).toBeUndefined();
    expect(r.inputs?.region).toBe(UNKNOWN);
  });
});

describe("MailAddress diff", () => {
  const olds = {
    accountName: "a@example.com",
    sendtype: "batch",
    region: "cn-hangzhou",
    replyAddress: "r@example.org",
    password: "ABcdefgh12",
  } as MailAddressOutputs;
  const same = { ...olds } as MailAddressInputs;

  it("reports nothing when inputs match the last known outputs", async () => {
    expect(await provider.diff("1", olds, same)).toMatchObject({ changes: false, replaces: [] });
  });

  it("replaces on sendtype, deleting first because the address stays the same", async () => {
    expect(await provider.diff("1", olds, { ...same, sendtype: "trigger" })).toMatchObject({
      changes: true,
      replaces: ["sendtype"],
      deleteBeforeReplace: true,
    });
  });

  it("replaces on accountName or region without deleting first (no clash)", async () => {
    expect(await provider.diff("1", olds, { ...same, accountName: "b@example.com" })).toMatchObject({
      replaces: ["accountName"],
      deleteBeforeReplace: false,
    });
    expect(await provider.diff("1", olds, { ...same, region: "us-east-1" })).toMatchObject({
      replaces: ["region"],
      deleteBeforeReplace: false,
    });
  });

  it("updates in place for password and reply address", async () => {
    expect(await provider.diff("1", olds, { ...same, password: "ZYxwvuts98" })).toMatchObject({ changes: true, replaces: [] });
    expect(await provider.diff("1", olds, { ...same, replyAddress: "s@example.org" })).toMatchObject({ changes: true, replaces: [] });
  });

  it("treats a drifted reply address (refreshed outputs) as a change to put right", async () => {
    const drifted = { ...olds, replyAddress: "someone-else@example.org" };
    expect(await provider.diff("1", drifted, same)).toMatchObject({ changes: true, replaces: [] });
  });

  it("leaves an undeclared reply address unmanaged", async () => {
    expect(await provider.diff("1", olds, { ...same, replyAddress: undefined })).toMatchObject({ changes: false });
  });
});

describe("MailAddressNotifyUrl check and diff", () => {
  it("fills in and validates the default region like MailAddress", async () => {
    const ok = await notify.check({} as never, { mailFrom: "A@example.com", notifyUrl: "https://h/x" } as never);
    expect(ok.inputs).toMatchObject({ mailFrom: "a@example.com", region: "ap-southeast-1" });
    const badPool = new ClientPool(readSettings((key) => (key === "directmail:region" ? "mars-1" : undefined), {}));
    const bad = await new NotifyUrlRuntime(() => badPool).check(
      {} as never,
      { mailFrom: "a@example.com", notifyUrl: "https://h/x" } as never,
    );
    expect(bad.failures?.[0]).toMatchObject({
      property: "",
      reason: expect.stringContaining(`region "mars-1" (from directmail:region)`),
    });
  });

  it("rejects a malformed URL by property", async () => {
    const r = await notify.check({} as never, { mailFrom: "a@example.com", notifyUrl: "ftp://x" } as never);
    expect(r.failures).toEqual([{ property: "notifyUrl", reason: "notifyUrl must use http or https, not ftp" }]);
    const r2 = await notify.check({} as never, { mailFrom: "a@example.com", notifyUrl: "not a url" } as never);
    expect(r2.failures?.[0].reason).toMatch(/absolute URL/);
  });

  it("updates the URL in place and replaces on a new sender", async () => {
    const olds = { mailFrom: "a@example.com", notifyUrl: "https://h/1", region: "cn-hangzhou", notifyUrlStatus: "1" };
    expect(await notify.diff("x", olds, { ...olds, notifyUrl: "https://h/2" })).toMatchObject({ changes: true, replaces: [] });
    expect(await notify.diff("x", olds, { ...olds, mailFrom: "b@example.com" })).toMatchObject({ replaces: ["mailFrom"] });
  });
});

describe("provider settings", () => {
  it("keeps one client pool across configure calls with the same settings", async () => {
    const runtime = await import("../../provider/runtime");
    const config = (values: Record<string, string>) => ({ config: { get: (k: string) => values[k], require: (k: string) => values[k] } });
    await runtime.configure(config({ "directmail:region": "us-east-1", "directmail:endpoint": "http://127.0.0.1:1" }));
    const first = runtime.implementation("MailAddress");
    const before = await first.check({} as never, { accountName: "a@example.com", sendtype: "batch" } as never);
    await runtime.configure(config({ "directmail:region": "us-east-1", "directmail:endpoint": "http://127.0.0.1:1" }));
    await runtime.configure(config({ "directmail:region": "eu-central-1", "directmail:endpoint": "http://127.0.0.1:1" }));
    const after = await first.check({} as never, { accountName: "a@example.com", sendtype: "batch" } as never);
    expect([before.inputs?.region, after.inputs?.region]).toEqual(["us-east-1", "eu-central-1"]);
  });

  it("compares the settings that matter, and only those", () => {
    const pool = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) => new ClientPool(readSettings((k) => values[k], env));
    const base = { "directmail:region": "us-east-1", "directmail:accessKeyId": "id", "directmail:accessKeySecret": "s" };
    expect(pool(base).sameSettings(pool({ ...base }, { UNRELATED: "x" }))).toBe(true);
    expect(pool(base).sameSettings(pool({ ...base, "directmail:accessKeySecret": "other" }))).toBe(false);
    expect(pool(base).sameSettings(pool({ ...base, "directmail:endpoint": "http://127.0.0.1:1" }))).toBe(false);
  });
});

describe("endpoint settings", () => {
  it("treats an empty endpoint as 'the region's public endpoint' and 'embedded' as the embedded emulator", () => {
    expect(readSettings((k) => (k === "directmail:endpoint" ? "" : undefined), {}).endpoint).toBeUndefined();
    const embedded = readSettings((k) => ({ "directmail:endpoint": "embedded", "directmail:emulatorDomains": "a.com, b.org" })[k], {});
    expect(embedded.embedded?.domains).toEqual(["a.com", "b.org"]);
    expect(embedded.embedded?.statePath).toMatch(/\.directmail-emulator\.json$/);
  });
});

describe("embedded emulator lifecycle", () => {
  const scratch = scratchDir("pool");

  it("is started by the pool on first use and stopped when the pool closes", async () => {
    const settings = readSettings(
      (k) => ({ "directmail:endpoint": "embedded", "directmail:emulatorState": `${scratch}/state.json` })[k],
      {},
    );
    const embeddedPool = new ClientPool(settings);
    const client = await embeddedPool.forRegion(undefined);
    await expect(client.listMailAddresses()).resolves.toEqual([]);
    const url = client.endpoint.href;
    await embeddedPool.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe("MailDomain check and diff", () => {
  const domains = new MailDomainRuntime(() => pool);
  it("lower-cases the name, fixes the region, and takes the wait as an object", async () => {
    const r = await domains.check({} as never, { domainName: "Mail.Example.NET", waitForVerification: { timeoutMinutes: 10 } } as never);
    expect(r.failures).toBeUndefined();
    expect(r.inputs).toMatchObject({
      domainName: "mail.example.net",
      region: "ap-southeast-1",
      waitForVerification: { timeoutMinutes: 10 },
    });
  });

  it("compares the wait by content: the same settings are no change, others an update; a new name or selector replaces", async () => {
    const olds = { domainName: "mail.example.net", region: "cn-hangzhou", waitForVerification: { timeoutMinutes: 10 } };
    expect(await domains.diff("1", olds as never, { ...olds, waitForVerification: { timeoutMinutes: 10 } } as never)).toMatchObject({
      changes: false,
    });
    expect(await domains.diff("1", olds as never, { ...olds, waitForVerification: { timeoutMinutes: 20 } } as never)).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await domains.diff("1", olds as never, { ...olds, dkimSelector: "s2" } as never)).toMatchObject({
      replaces: ["dkimSelector"],
      deleteBeforeReplace: true,
    });
    expect(await domains.diff("1", olds as never, { ...olds, domainName: "other.example.net" } as never)).toMatchObject({
      replaces: ["domainName"],
      deleteBeforeReplace: false,
    });
  });
});

describe("MailDomainVerification check and diff", () => {
  const verifications = new MailDomainVerificationRuntime(() => pool);
  it("takes record names in full, in lower case without the trailing dot, and leaves names not known yet (preview) as they are", async () => {
    const r = await verifications.check({} as never, { domainId: "7", recordFqdns: ["AliyunDM.Mail.Example.NET.", UNKNOWN] } as never);
    expect(r.failures).toBeUndefined();
    expect(r.inputs).toMatchObject({ domainId: "7", region: "ap-southeast-1", recordFqdns: ["aliyundm.mail.example.net", UNKNOWN] });
  });

  it("a change of recordFqdns or timeoutMinutes updates in place (the wait again, at once when verified); another domain replaces", async () => {
    const olds = { domainId: "7", region: "cn-hangzhou", recordFqdns: ["mail.example.net"], timeoutMinutes: 30 };
    expect(await verifications.diff("7", olds as never, { ...olds, timeoutMinutes: 5 } as never)).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(
      await verifications.diff("7", olds as never, { ...olds, recordFqdns: ["mail.example.net", "x.example.net"] } as never),
    ).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await verifications.diff("7", olds as never, { ...olds, domainId: "8" } as never)).toMatchObject({ replaces: ["domainId"] });
  });
});
