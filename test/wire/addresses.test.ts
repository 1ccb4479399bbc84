import { DirectMailServiceError, isServiceError } from "../../client";
import { DEFAULT_DIALECT } from "../../emulator";
import { ClientPool } from "../../provider/config/clientPool";
import { readSettings } from "../../provider/config/settings";
import { MailAddressRuntime } from "../../provider/resources/mailAddress/runtime";
import { harness, Harness } from "../support/emulator";

let h: Harness;
// The documented QPS limits are tested in protocol.test.ts; here they would only slow the checks down.
beforeEach(async () => {
  h = await harness({ domains: ["example.com", "mail.example.org"], unverifiedDomains: ["pending.example.net"], rateLimits: false });
});
afterEach(() => h.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DirectMailServiceError)) throw new Error(`expected a service error, got ${String(err)}`);
  return `${err.code} ${err.httpStatus}`;
}

describe("the eight sender-address actions", () => {
  it("create, query, modify, reply verification, notify URL and delete", async () => {
    const { client, emulator } = h;
    const { mailAddressId } = await client.createMailAddress({
      accountName: "News@Example.com",
      sendtype: "batch",
      replyAddress: "reply@example.org",
    });
    expect(mailAddressId).toMatch(/^\d+$/);

    const page = await client.queryMailAddressByParam({ keyWord: "news@example.com" });
    expect(page.totalCount).toBe(1);
    expect(page.items[0]).toMatchObject({
      mailAddressId,
      accountName: "news@example.com", // stored in lower case
      sendtype: "batch",
      accountStatus: 0,
      replyAddress: "reply@example.org",
      replyStatus: 1,
      domainStatus: 0,
      dailyCount: 10000,
    });
    expect(page.items[0].createTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);

    await client.modifyMailAddress({ mailAddressId, password: "ABcdefgh12" });
    await client.checkReplyToMailAddress({ mailAddressId, lang: "en" });
    expect(emulator.sentMail).toHaveLength(1);
    expect(emulator.sentMail[0]).toMatchObject({ to: "reply@example.org", lang: "en", accountName: "news@example.com" });
    await client.approveReplyMailAddress(emulator.sentMail[0].ticket);
    expect((await client.findMailAddressByName("news@example.com"))?.replyStatus).toBe(0);

    // A new reply address needs verifying again.
    await client.modifyMailAddress({ mailAddressId, replyAddress: "other@example.org" });
    expect(await client.findMailAddressByName("news@example.com")).toMatchObject({ replyAddress: "other@example.org", replyStatus: 1 });

    await client.updateMailAddressMsgCallBackUrl({ mailFrom: "news@example.com", notifyUrl: "https://hooks.example.com/dm" });
    expect(await client.getMailAddressMsgCallBackUrl("news@example.com")).toEqual({
      notifyUrl: "https://hooks.example.com/dm",
      notifyUrlStatus: "1",
    });
    await client.updateMailAddressMsgCallBackUrl({ mailFrom: "news@example.com" });
    expect((await client.getMailAddressMsgCallBackUrl("news@example.com")).notifyUrl).toBe("");

    await client.deleteMailAddress(mailAddressId);
    expect(await client.listMailAddresses()).toEqual([]);
  });

  it("pages through every address with PageNo/PageSize and filters by Sendtype", async () => {
    for (let i = 0; i < 10; i++) {
      await h.client.createMailAddress({ accountName: `s${i}@example.com`, sendtype: i % 2 ? "batch" : "trigger" });
    }
    const first = await h.client.queryMailAddressByParam({ pageNo: 1, pageSize: 3 });
    expect(first).toMatchObject({ totalCount: 10, pageNumber: 1, pageSize: 3 });
    expect(first.items).toHaveLength(3);
    const past = await h.client.queryMailAddressByParam({ pageNo: 5, pageSize: 3 });
    expect(past.items).toEqual([]);
    expect(await h.client.listMailAddresses()).toHaveLength(10);
    const pages = h.emulator.requests.length;
    expect(await h.client.listMailAddresses({ pageSize: 3 })).toHaveLength(10);
    expect(h.emulator.requests.length - pages).toBe(4); // 3 + 3 + 3 + 1
    expect(await h.client.listMailAddresses({ sendtype: "batch" })).toHaveLength(5);
    expect((await h.client.listMailAddresses({ keyWord: "s3@" })).map((a) => a.accountName)).toEqual(["s3@example.com"]);
  });

  it("lists domains with their verification status", async () => {
    const page = await h.client.queryDomainByParam();
    expect(page.items.map((d) => [d.domainName, d.domainStatus])).toEqual([
      ["example.com", 0],
      ["mail.example.org", 0],
      ["pending.example.net", 1],
    ]);
  });
});

describe("documented DirectMail errors", () => {
  it("rejects malformed and over-long addresses", async () => {
    expect(await codeOf(h.client.createMailAddress({ accountName: "no-at", sendtype: "batch" }))).toBe(
      "InvalidMailAddressName.Malformed 400",
    );
    expect(await codeOf(h.client.createMailAddress({ accountName: `${"x".repeat(181)}@example.com`, sendtype: "batch" }))).toBe(
      "EmailLengthError 400",
    );
  });

  it("requires an existing, verified domain", async () => {
    expect(await codeOf(h.client.createMailAddress({ accountName: "a@unknown.com", sendtype: "batch" }))).toBe(
      "InvalidMailAddressDomain.Malformed 400",
    );
    expect(await codeOf(h.client.createMailAddress({ accountName: "a@pending.example.net", sendtype: "batch" }))).toBe(
      "InvalidMailAddressDomainStatus.Malformed 400",
    );
  });

  it("refuses duplicates and an 11th address, and a bad sendtype", async () => {
    await h.client.createMailAddress({ accountName: "dup@example.com", sendtype: "batch" });
    const dup = h.client.createMailAddress({ accountName: "DUP@example.com", sendtype: "trigger" });
    expect(await codeOf(dup)).toBe("InvalidMailAddressName.Duplicate 400");
    for (let i = 0; i < 9; i++) await h.client.createMailAddress({ accountName: `n${i}@example.com`, sendtype: "batch" });
    expect(await codeOf(h.client.createMailAddress({ accountName: "eleventh@example.com", sendtype: "batch" }))).toBe(
      "InvalidMailAddressNumber.Malformed 400",
    );
    expect(await codeOf(h.client.createMailAddress({ accountName: "x@example.com", sendtype: "bulk" as "batch" }))).toBe(
      "InvalidMailAddressSendType.Malformed 400",
    );
  });

  it("enforces the password rules, including 'not the previous password'", async () => {
    const { mailAddressId } = await h.client.createMailAddress({ accountName: "pw@example.com", sendtype: "trigger" });
    for (const bad of ["short1A", "alllowercase12", "ABCDEFGH12", "ABcdefghij", "ABcdefghijklmnopqrs12"]) {
      expect(await codeOf(h.client.modifyMailAddress({ mailAddressId, password: bad }))).toBe("InvalidPassword.Malformed 400");
    }
    await h.client.modifyMailAddress({ mailAddressId, password: "ABcdefgh12" });
    // The service refuses the current password; the client reads that as "already set".
    await h.client.modifyMailAddress({ mailAddressId, password: "ABcdefgh12" });
    expect(
      h.emulator.requests
        .filter((r) => r.action === "ModifyMailAddress")
        .map((r) => r.code ?? r.status)
        .slice(-2),
    ).toEqual([200, "InvalidPassword.equalcurrent"]);
    await h.client.modifyMailAddress({ mailAddressId, password: "ZYxwvuts98" });
  });

  it("reports unknown ids, unknown senders, frozen addresses, bad reply addresses, bad tickets and bad URLs", async () => {
    const { mailAddressId } = await h.client.createMailAddress({ accountName: "f@example.com", sendtype: "trigger" });
    expect(await codeOf(h.client.deleteMailAddress("999999"))).toBe("InvalidMailAddressId.Malformed 404");
    expect(await codeOf(h.client.getMailAddressMsgCallBackUrl("nobody@example.com"))).toBe("InvalidMailAddress.NotFound 404");
    expect(await codeOf(h.client.checkReplyToMailAddress({ mailAddressId }))).toBe("InvalidReplyAddress.NotSet 400");
    expect(await codeOf(h.client.modifyMailAddress({ mailAddressId, replyAddress: "not-an-address" }))).toBe(
      "InvalidReplyAddress.Malformed 400",
    );
    expect(await codeOf(h.client.approveReplyMailAddress("0123456789abcdef0123456789abcdef"))).toBe("InvalidTicket.NotFound 404");
    expect(await codeOf(h.client.updateMailAddressMsgCallBackUrl({ mailFrom: "f@example.com", notifyUrl: "ftp://x" }))).toBe(
      "InvalidNotifyUrl.Malformed 400",
    );
    h.emulator.inspect.setAccountStatus("cn-hangzhou", "f@example.com", 1);
    expect(await codeOf(h.client.modifyMailAddress({ mailAddressId, password: "ABcdefgh12" }))).toBe(
      "InvalidMailAddressStatus.Malformed 400",
    );
    expect(await codeOf(h.client.deleteMailAddress(mailAddressId))).toBe("InvalidMailAddressStatus.Malformed 400");
  });

  it("limits deletions per month", async () => {
    await h.close();
    // The emulator's clock in mid-month: on the real one, a run across the turn of a month starts the count again.
    let now = Date.parse("2026-06-15T12:00:00Z");
    h = await harness({ monthlyDeleteLimit: 2, now: () => new Date(now), timestampWindowMs: 10 * 365 * 24 * 3600_000, rateLimits: false });
    for (const name of ["a", "b", "c"]) await h.client.createMailAddress({ accountName: `${name}@example.com`, sendtype: "batch" });
    const ids = (await h.client.listMailAddresses()).map((a) => a.mailAddressId);
    await h.client.deleteMailAddress(ids[0]);
    await h.client.deleteMailAddress(ids[1]);
    expect(await codeOf(h.client.deleteMailAddress(ids[2]))).toBe("InvalidMailAddressDeleteLimit.Exceeded 400");
    // A calendar month's count: the next month allows the deletion.
    now = Date.parse("2026-07-01T00:00:01Z");
    await h.client.deleteMailAddress(ids[2]);
    expect(await h.client.listMailAddresses()).toEqual([]);
  });

  it("expires verification tickets after ten minutes", async () => {
    await h.close();
    let now = Date.parse("2026-01-01T00:00:00Z");
    h = await harness({ now: () => new Date(now), timestampWindowMs: 10 * 365 * 24 * 3600_000, rateLimits: false });
    const { mailAddressId } = await h.client.createMailAddress({
      accountName: "t@example.com",
      sendtype: "batch",
      replyAddress: "r@example.org",
    });
    await h.client.checkReplyToMailAddress({ mailAddressId });
    now += 11 * 60_000;
    expect(await codeOf(h.client.approveReplyMailAddress(h.emulator.sentMail[0].ticket))).toBe("InvalidTicket.NotFound 404");
  });

  it("explains errors in the user's terms and classifies them", async () => {
    const err = await h.client.createMailAddress({ accountName: "a@unknown.com", sendtype: "batch" }).catch((e: unknown) => e);
    expect(isServiceError(err, "InvalidMailAddressDomain.Malformed")).toBe(true);
    const e = err as DirectMailServiceError;
    expect(e.message).toContain(`the domain "unknown.com" of "a@unknown.com" is not configured in DirectMail in cn-hangzhou`);
    expect(e.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(e.recommend).toContain("InvalidMailAddressDomain.Malformed");
    expect(e.retryable).toBe(false);
  });

  it("answers 'action not found' when the callback actions are switched off", async () => {
    await h.close();
    h = await harness({ callbackActions: false, rateLimits: false });
    const err = await h.client.getMailAddressMsgCallBackUrl("a@example.com").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectMailServiceError);
    expect((err as Error).message).toMatch(
      /does not offer the action GetMailAddressMsgCallBackUrl.*not available now.*InvalidAction.NotFound, HTTP 404/,
    );
  });
});

/**
 * No source gives DeleteMailAddress's "no such address" code, and one reading
 * is the very code the docs give for a frozen address. The provider's delete
 * counts an address as deleted where the service says so: by its gone codes,
 * or, for any other refusal, by a listing that no longer holds it.
 */
describe.each(["InvalidMailAddress.NotFound", "InvalidMailAddressId.Malformed", "InvalidMailAddressStatus.Malformed"] as const)(
  "the provider's delete where a missing address is answered %s",
  (code) => {
    test("an address deleted by hand counts as deleted; a frozen one's refusal stands", async () => {
      const h = await harness({ dialect: { ...DEFAULT_DIALECT, addressNotFound: code }, rateLimits: false });
      const config: Record<string, string> = {
        "directmail:endpoint": h.emulator.url,
        "directmail:accessKeyId": h.emulator.accessKey.id,
        "directmail:accessKeySecret": h.emulator.accessKey.secret,
      };
      const pool = new ClientPool(readSettings((k) => config[k], {}));
      const runtime = new MailAddressRuntime(() => pool);
      const props = (accountName: string) => ({ accountName, sendtype: "batch", region: "cn-hangzhou" }) as never;
      try {
        const gone = await h.client.createMailAddress({ accountName: "gone@example.com", sendtype: "batch" });
        await h.client.deleteMailAddress(gone.mailAddressId);
        await expect(runtime.delete(gone.mailAddressId, props("gone@example.com"))).resolves.toBeUndefined();
        const deletes = h.emulator.requests.filter((r) => r.action === "DeleteMailAddress").map((r) => r.code);
        expect(deletes.slice(-1)).toEqual([code]);

        const frozen = await h.client.createMailAddress({ accountName: "frozen@example.com", sendtype: "batch" });
        h.emulator.inspect.setAccountStatus("cn-hangzhou", "frozen@example.com", 1);
        await expect(runtime.delete(frozen.mailAddressId, props("frozen@example.com"))).rejects.toThrow(
          "InvalidMailAddressStatus.Malformed",
        );
        expect((await h.client.listMailAddresses()).map((a) => a.accountName)).toEqual(["frozen@example.com"]);
      } finally {
        await pool.close();
        await h.close();
      }
    });
  },
);
