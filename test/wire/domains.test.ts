import * as $Dm from "@alicloud/dm20151123";
import { officialSdk } from "../support/officialSdk";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { DirectMailServiceError, isGone } from "../../client";
import { COVERING_DIALECTS, startEmulator } from "../../emulator";
import { dnsRecordsOf, checksOf, isUsable } from "../../provider/resources/mailDomain/state";
import { clientOf, harness, Harness } from "../support/emulator";
import { rawRequest } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/** Sending domains on the wire: the emulator's rules, the client's reading of them, and the official SDK's. */

const code = (err: unknown) => (err instanceof DirectMailServiceError ? `${err.code} ${err.httpStatus}` : String(err));

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ domains: ["example.com"], dialect, rateLimits: false });
  });
  afterEach(() => h.close());

  test("a new domain is not verified until its records are published and checked; then senders can be created", async () => {
    const { domainId, recovered } = await h.client.createDomain({ domainName: "Mail.Example.net" });
    expect(recovered).toBe(false);
    const fresh = await h.client.describeDomain(domainId);
    expect(fresh).toMatchObject({ domainName: "mail.example.net", rootDomain: "example.net", domainStatus: 1 });
    expect(isUsable(fresh.domainStatus)).toBe(false);

    // Whether the hosts come relative or in full, the records read the same.
    expect(dnsRecordsOf(fresh).map((r) => [r.purpose, r.type, r.name, r.fqdn])).toEqual([
      ["ownership", "TXT", "aliyundm.mail", "aliyundm.mail.example.net"],
      ["spf", "TXT", "mail", "mail.example.net"],
      ["mx", "MX", "mail", "mail.example.net"],
      ["dkim", "TXT", "aliyun-cn-hangzhou._domainkey.mail", "aliyun-cn-hangzhou._domainkey.mail.example.net"],
      ["dmarc", "TXT", "_dmarc.mail", "_dmarc.mail.example.net"],
      ["tracking", "CNAME", "dmtrace.mail", "dmtrace.mail.example.net"],
    ]);
    expect(dnsRecordsOf(fresh).find((r) => r.purpose === "spf")?.value).toBe("v=spf1 include:spf1.dm.aliyun.com -all");
    expect(dnsRecordsOf(fresh).find((r) => r.purpose === "mx")?.priority).toBe(10);

    const sender = { accountName: "noreply@mail.example.net", sendtype: "trigger" as const };
    expect(code(await h.client.createMailAddress(sender).catch((e: unknown) => e))).toBe("InvalidMailAddressDomainStatus.Malformed 400");

    // Checked before anything is published: still not verified.
    expect(await h.client.checkDomain(domainId)).toBe(1);
    await h.emulator.dns({ domainName: "mail.example.net", records: ["ownership", "spf", "mx"] });
    expect(await h.client.checkDomain(domainId)).toBe(dialect.domainStatuses === "extended" ? 4 : 0);
    const checked = await h.client.describeDomain(domainId);
    expect(checksOf(checked)).toMatchObject({ ownership: "passed", spf: "passed", mx: "passed", dkim: "failed", trackingCname: "failed" });
    await h.client.createMailAddress(sender);

    // Not deletable while a sender is on it, whichever code the service uses for that.
    const refused = await h.client.deleteDomain(domainId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DirectMailServiceError);
    expect((refused as DirectMailServiceError).kind).toBe("conflict");
    expect(String(refused)).toContain("still has sender addresses");
    expect(isGone(refused)).toBe(false);

    const address = await h.client.findMailAddressByName(sender.accountName);
    await h.client.deleteMailAddress(address!.mailAddressId);
    await h.client.deleteDomain(domainId);
    // Gone, in the action's own words, whichever the dialect's are.
    const again = await h.client.describeDomain(domainId).catch((e: unknown) => e);
    expect(isGone(again)).toBe(true);
    expect(isGone(await h.client.deleteDomain(domainId).catch((e: unknown) => e))).toBe(true);
  });

  test("a CreateDomain whose answer was lost is found, not made twice", async () => {
    h.emulator.faults.next("commit-then-drop", "CreateDomain");
    const { domainId, recovered } = await h.client.createDomain({ domainName: "lost.example.net" });
    expect(recovered).toBe(true);
    expect(await h.client.findDomainByName("lost.example.net")).toMatchObject({ domainId });
    expect((await h.client.listDomains()).filter((d) => d.domainName === "lost.example.net")).toHaveLength(1);
  });
});

describe("domain rules", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ domains: ["example.com"], rateLimits: false, domainLimit: 3 });
  });
  afterEach(() => h.close());

  test("duplicates, malformed names and selectors, and the account's domain limit are refused; nothing is created", async () => {
    await h.client.createDomain({ domainName: "a.example.net" });
    expect(code(await h.client.createDomain({ domainName: "a.example.net" }).catch((e: unknown) => e))).toBe(
      "InvalidDomainName.Duplicate 400",
    );
    expect(code(await h.client.createDomain({ domainName: "no_underscores.example.net" }).catch((e: unknown) => e))).toBe(
      "InvalidDomainName.Malformed 400",
    );
    expect(code(await h.client.createDomain({ domainName: "b.example.net", dkimSelector: "-bad" }).catch((e: unknown) => e))).toBe(
      "InvalidParameter 400",
    );
    await h.client.createDomain({ domainName: "b.example.net", dkimSelector: "sel1" });
    // example.com (configured) + two created = the limit of 3.
    expect(code(await h.client.createDomain({ domainName: "c.example.net" }).catch((e: unknown) => e))).toBe(
      "InvalidDomainNumber.Malformed 400",
    );
    expect((await h.client.listDomains()).map((d) => d.domainName).sort()).toEqual(["a.example.net", "b.example.net", "example.com"]);
    const b = await h.client.findDomainByName("B.example.NET");
    expect(dnsRecordsOf(await h.client.describeDomain(b!.domainId)).find((r) => r.purpose === "dkim")?.name).toBe("sel1._domainkey.b");
  });

  test("the domains the emulator starts with are verified, and a domain at the root has `@` records", async () => {
    const [root] = await h.client.listDomains();
    const detail = await h.client.describeDomain(root.domainId);
    expect(detail.domainStatus).toBe(0);
    expect(Object.values(checksOf(detail))).toEqual(["passed", "passed", "passed", "passed", "passed", "passed", "filed"]);
    expect(dnsRecordsOf(detail).find((r) => r.purpose === "spf")).toMatchObject({ name: "@", fqdn: "example.com" });
  });

  test("CheckDomain is limited to its documented 10 calls a minute", async () => {
    const limited = await harness({ domains: ["example.com"] });
    const { domainId } = await limited.client.createDomain({ domainName: "paced.example.net" });
    for (let i = 0; i < 10; i++)
      expect((await rawRequest(limited.emulator, { Action: "CheckDomain", DomainId: domainId })).status).toBe(200);
    expect((await rawRequest(limited.emulator, { Action: "CheckDomain", DomainId: domainId })).body.Code).toBe("Throttling.User");
    await limited.close();
  });
});

describe("the simulated DNS from the command line", () => {
  const scratch = scratchDir("dns-cli");
  test("dns publish marks records published in the state file; a running emulator on that file sees it", async () => {
    const path = join(scratch, "state.json");
    const dm = await startEmulator({ domains: ["example.com"], persistPath: path, rateLimits: false });
    const client = clientOf(dm, { pacer: false });
    const { domainId } = await client.createDomain({ domainName: "cli.example.net" });
    const cli = join(__dirname, "../../node_modules/.bin/directmail-emulator");
    const out = spawnSync(cli, ["dns", "publish", "cli.example.net", "--state", path, "--records", "ownership,spf,mx"], {
      encoding: "utf8",
      timeout: 10_000,
    });
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe("published ownership, spf, mx of cli.example.net in cn-hangzhou\n");
    expect(await client.checkDomain(domainId)).toBe(0);

    const bad = spawnSync(cli, ["dns", "publish", "cli.example.net", "--state", path, "--records", "spf,txt"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--records takes ownership, spf, mx, dkim, dmarc, tracking; not txt");
    const unknown = spawnSync(cli, ["dns", "publish", "nope.example.net", "--state", path], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("the emulator has no domain nope.example.net in cn-hangzhou");
    await client.close();
    await dm.stop();
  });
});

describe("the official SDK on the domain actions", () => {
  test("creates, describes, checks and deletes a domain, reading the emulator's answers", async () => {
    const h = await harness({ domains: ["example.com"], rateLimits: false });
    const sdk = officialSdk(h.emulator);
    const created = await sdk.createDomain(new $Dm.CreateDomainRequest({ domainName: "sdk.example.net", dkimSelector: "sdk" }));
    const id = Number(created.body?.domainId);
    expect(id).toBeGreaterThan(0);
    const detail = await sdk.descDomain(new $Dm.DescDomainRequest({ domainId: id }));
    expect(detail.body).toMatchObject({ domainName: "sdk.example.net", tlDomainName: "example.net", hostRecord: "aliyundm.sdk" });
    expect(detail.body?.dkimRR).toBe("sdk._domainkey.sdk");
    expect(String(detail.body?.domainStatus)).toBe("1");
    await h.emulator.dns({ domainName: "sdk.example.net" });
    const checked = await sdk.checkDomain(new $Dm.CheckDomainRequest({ domainId: id }));
    expect(Number(checked.body?.domainStatus)).toBe(0);
    const listed = await sdk.queryDomainByParam(new $Dm.QueryDomainByParamRequest({ keyWord: "sdk" }));
    expect(listed.body?.data?.domain?.map((d) => d.domainName)).toEqual(["sdk.example.net"]);
    await sdk.deleteDomain(new $Dm.DeleteDomainRequest({ domainId: id }));
    const gone = await sdk.descDomain(new $Dm.DescDomainRequest({ domainId: id })).catch((e: { code?: string }) => e);
    expect((gone as { code?: string }).code).toBe("InvalidDomainId.NotFound");
    await h.close();
  });
});
