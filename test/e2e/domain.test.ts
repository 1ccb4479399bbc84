import * as pulumi from "@pulumi/pulumi";
import { DirectMailClient } from "../../client";
import { COVERING_DIALECTS } from "../../emulator";
import { getMailDomain, getMailDomains, MailAddress, MailDomain } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";
import { clientOf } from "../support/emulator";

/**
 * The whole sender set-up in one stack, through the real engine: a bare
 * domain, its records, the wait for verification, senders on it, drift, a
 * timeout that converges, a delete that refuses while senders remain. Under
 * each dialect, so that every open point of the domain actions is covered.
 */

interface Plan {
  readonly wait?: number;
  readonly senders?: readonly string[];
  readonly second?: { readonly timeoutMinutes: number };
}

const program = (plan: Plan) => async () => {
  const domain = new MailDomain("mail", {
    domainName: "mail.example.net",
    waitForVerification: plan.wait === undefined ? undefined : { timeoutMinutes: plan.wait },
  });
  for (const name of plan.senders ?? []) {
    new MailAddress(name, { accountName: pulumi.interpolate`${name}@${domain.domainName}`, sendtype: "trigger", password: "SEnder12345" });
  }
  if (plan.second) new MailDomain("slow", { domainName: "slow.example.net", waitForVerification: plan.second });
  return { records: domain.dnsRecords, usable: domain.usable, status: domain.status, checks: domain.checks, id: domain.domainId };
};

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let d: Deployment;
  let client: DirectMailClient;
  beforeAll(async () => {
    // Credentials in stack config, so that the program's own look-ups find them as the provider does.
    d = await deploy({ emulator: { dialect }, credentials: "config" });
    client = clientOf(d.emulator);
  });
  afterAll(async () => {
    await client.close();
    await d.close();
  });

  test("up creates the domain and reports every record to publish, without waiting", async () => {
    d.setProgram(program({}));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ create: 2 });
    expect(up.outputs.usable.value).toBe(false);
    expect(up.outputs.status.value).toBe("not verified");
    const records = up.outputs.records.value as Array<{ purpose: string; name: string; fqdn: string; type: string; required: boolean }>;
    expect(records.map((r) => `${r.purpose} ${r.type} ${r.name} ${r.fqdn} ${r.required}`)).toEqual([
      "ownership TXT aliyundm.mail aliyundm.mail.example.net true",
      "spf TXT mail mail.example.net true",
      "mx MX mail mail.example.net true",
      "dkim TXT aliyun-cn-hangzhou._domainkey.mail aliyun-cn-hangzhou._domainkey.mail.example.net false",
      "dmarc TXT _dmarc.mail _dmarc.mail.example.net false",
      "tracking CNAME dmtrace.mail dmtrace.mail.example.net false",
    ]);
  });

  test("once the records are published, the wait verifies the domain and senders are created on it", async () => {
    await d.emulator.dns({ domainName: "mail.example.net", records: ["ownership", "spf", "mx", "dkim", "dmarc"] });
    d.setProgram(program({ wait: 5, senders: ["noreply", "alerts"] }));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ create: 2, update: 1 });
    expect(up.outputs.usable.value).toBe(true);
    expect(up.outputs.status.value).toBe(dialect.domainStatuses === "extended" ? "usable (tracking CNAME not verified)" : "verified");
    expect(up.outputs.checks.value).toMatchObject({
      ownership: "passed",
      spf: "passed",
      mx: "passed",
      dkim: "passed",
      trackingCname: "failed",
    });
    expect((await client.listMailAddresses()).map((m) => m.accountName).sort()).toEqual([
      "alerts@mail.example.net",
      "noreply@mail.example.net",
    ]);
    // One CheckDomain: the records were there, so no wait.
    expect(d.emulator.requests.filter((r) => r.action === "CheckDomain")).toHaveLength(1);
  });

  test("the look-ups see the domain with its records", async () => {
    d.setProgram(async () => {
      const base = await program({ wait: 5, senders: ["noreply", "alerts"] })();
      return {
        ...base,
        all: (await getMailDomains({})).map((x) => x.domainName).sort(),
        one: await getMailDomain({ domainName: "MAIL.example.net" }),
        none: (await getMailDomain({ domainName: "none.example.net" })) ?? "none",
      };
    });
    const up = await d.up();
    expect(changes(up.summary)).toEqual({});
    expect(up.outputs.all.value).toEqual(["example.com", "example.org", "mail.example.net"]);
    expect(up.outputs.one.value).toMatchObject({ domainName: "mail.example.net", usable: true, rootDomain: "example.net" });
    expect((up.outputs.one.value as { dnsRecords: Array<{ purpose: string }> }).dnsRecords.find((r) => r.purpose === "mx")).toMatchObject({
      fqdn: "mail.example.net",
      priority: 10,
    });
    expect(up.outputs.none.value).toBe("none");
  });

  test("a domain that is not verified in time is recorded, says which checks fail, and the next up after publishing converges", async () => {
    d.setProgram(program({ wait: 5, senders: ["noreply", "alerts"], second: { timeoutMinutes: 0.05 } }));
    const err = await d.up().catch((e: Error) => e);
    expect(String(err)).toContain("domain slow.example.net was not verified within 0.05 minutes");
    expect(String(err)).toContain("the required checks spf, mx still fail (ownership is confirmed only when the domain verifies)");
    // Every record in full, values included, and the way out of the deadlock with a DNS resource in the stack.
    expect(String(err)).toMatch(/TXT aliyundm\.slow\.example\.net = \S+ {3}\(ownership, required, not confirmed\)/);
    expect(String(err)).toContain("TXT slow.example.net = v=spf1 include:spf1.dm.aliyun.com -all   (spf, required, fails)");
    expect(String(err)).toContain("MX slow.example.net = 10 mx01.dm.aliyun.com   (mx, required, fails)");
    expect(String(err)).toContain("CNAME dmtrace.slow.example.net = tracedm.aliyuncs.com   (tracking, optional, fails)");
    expect(String(err)).toContain("wait with a MailDomainVerification ordered after the records");
    // Said while it waited, on the engine's output.
    expect(d.output.join("")).toMatch(
      /directmail:MailDomain slow creating \(\d+s\) waiting for DNS of slow\.example\.net \(0 of 5 reported checks pass, 0m0\ds of 0\.05m\): TXT aliyundm\.slow\.example\.net = /,
    );
    // Recorded, records included, not orphaned.
    const slow = (await client.listDomains()).find((x) => x.domainName === "slow.example.net");
    expect(d.stateFile()).toMatch(new RegExp(`"domainId":\\s*"${slow?.domainId}"`));
    expect(d.stateFile()).toContain("aliyundm.slow.example.net");

    await d.emulator.dns({ domainName: "slow.example.net" });
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ update: 1 });
    expect((await client.listDomains()).filter((x) => x.domainName === "slow.example.net")).toHaveLength(1);
  });

  test("refresh records a domain deleted by hand as gone, and up makes it again", async () => {
    const slow = (await client.listDomains()).find((x) => x.domainName === "slow.example.net");
    await client.deleteDomain(slow!.domainId);
    const refresh = await d.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    d.setProgram(program({ wait: 5, senders: ["noreply", "alerts"] }));
    expect(changes((await d.up()).summary)).toEqual({});
  });

  test("the domain cannot be deleted while a sender made outside Pulumi remains; it says which, and destroy converges", async () => {
    await d.emulator.dns({ domainName: "mail.example.net" });
    await client.createMailAddress({ accountName: "byhand@mail.example.net", sendtype: "batch" });
    const err = await d.destroy().catch((e: Error) => e);
    expect(String(err)).toContain("domain mail.example.net still has sender addresses: byhand@mail.example.net");
    // Pulumi's own senders went first; the domain is still there and still in the stack.
    expect((await client.listDomains()).some((x) => x.domainName === "mail.example.net")).toBe(true);
    expect((await client.listMailAddresses()).map((m) => m.accountName)).toEqual(["byhand@mail.example.net"]);

    const byHand = await client.findMailAddressByName("byhand@mail.example.net");
    await client.deleteMailAddress(byHand!.mailAddressId);
    // The domain, and the stack's own root resource that the failed destroy left.
    expect(changes((await d.destroy()).summary)).toEqual({ delete: 2 });
    expect((await client.listDomains()).map((x) => x.domainName).sort()).toEqual(["example.com", "example.org"]);
  });

  test("adopt takes over an existing domain instead of failing", async () => {
    await client.createDomain({ domainName: "mail.example.net" });
    d.setProgram(program({}));
    const err = await d.up().catch((e: Error) => e);
    expect(String(err)).toContain("already exists in cn-hangzhou; set adopt: true");
    d.setProgram(async () => {
      const domain = new MailDomain("mail", { domainName: "mail.example.net", adopt: true });
      return { adopted: domain.adopted, id: domain.domainId };
    });
    const up = await d.up();
    expect(up.outputs.adopted.value).toBe(true);
    expect((await client.listDomains()).filter((x) => x.domainName === "mail.example.net")).toHaveLength(1);
    await d.destroy();
  });
});
