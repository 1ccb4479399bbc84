import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DirectMailClient } from "../../client";
import { COVERING_DIALECTS } from "../../emulator";
import { MailAddress, MailDomain, MailDomainVerification } from "../../provider";
import { SimulatedDnsRecord } from "../../examples/domain-and-senders/simulatedDns";
import { changes, deploy, Deployment } from "../support/engine";
import { clientOf } from "../support/emulator";
import { account } from "../support/account";
import { scratchDir } from "../support/scratch";

/**
 * The domain in the shape of AWS's certificate and its validation, through the
 * real engine: MailDomain gives its records without waiting, DNS records (the
 * example's stand-in, publishing into the emulator's simulated DNS) publish
 * them, MailDomainVerification waits after them, senders are built on it. One
 * `up` converges with no deadlock; the wait says what it waits for; a timeout
 * lists every record and leaves the verification in the stack; destroy works.
 * Under each dialect, so that every form of DescDomain's host names is read.
 */

const scratch = scratchDir("domain-verification");
const PURPOSES = ["ownership", "spf", "mx", "dkim", "dmarc", "tracking"] as const;

interface Plan {
  /** The records the stack publishes itself (stand-in DNS resources). */
  readonly publish?: readonly (typeof PURPOSES)[number][];
  readonly recordFqdns?: readonly string[];
  readonly timeoutMinutes?: number;
  readonly senders?: readonly string[];
  /** Export only the domain's outputs: the engine records a stack's outputs only once every one of them is known. */
  readonly onlyDomainOutputs?: boolean;
}

const program = (emulatorState: string, plan: Plan) => async () => {
  const domain = new MailDomain("mail", { domainName: "mail.example.net" });
  const records = (plan.publish ?? []).map((purpose) => {
    const record = domain.dnsRecords.apply((all) => all.find((r) => r.purpose === purpose)!);
    return new SimulatedDnsRecord(purpose, {
      domainName: domain.domainName,
      purpose,
      type: record.type,
      fqdn: record.fqdn,
      value: record.value,
      emulatorState,
    });
  });
  const verification = new MailDomainVerification("mail", {
    domainId: domain.domainId,
    domainName: domain.domainName,
    recordFqdns: plan.recordFqdns ?? (records.length > 0 ? records.map((r) => r.fqdn) : undefined),
    timeoutMinutes: plan.timeoutMinutes,
  });
  for (const name of plan.senders ?? []) {
    new MailAddress(name, {
      accountName: pulumi.interpolate`${name}@${verification.domainName}`,
      sendtype: "trigger",
      password: "SEnder12345",
    });
  }
  if (plan.onlyDomainOutputs) return { dnsRecords: domain.dnsRecords };
  return { dnsRecords: domain.dnsRecords, status: verification.status, usable: verification.usable };
};

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let d: Deployment;
  let client: DirectMailClient;
  const emulatorState = join(scratch, `${process.pid}-${dialect.hostNames}-${dialect.trackingHost}.json`);
  beforeAll(async () => {
    d = await deploy({ emulator: { dialect, persistPath: emulatorState }, credentials: "config" });
    client = clientOf(d.emulator);
  });
  afterAll(async () => {
    await client.close();
    await d.close();
  });
  const checkDomainCalls = () => d.emulator.requests.filter((r) => r.action === "CheckDomain").length;

  test("domain, its DNS records, the verification and the senders converge in one up, and destroy removes them all", async () => {
    d.setProgram(program(emulatorState, { publish: PURPOSES, senders: ["noreply", "alerts"], timeoutMinutes: 2 }));
    // At preview the record names are not known yet: check lets them through.
    expect(changes((await d.preview()).changeSummary)).toEqual({ create: 11 });
    const up = await d.up();
    // The domain, six records, the verification, two senders: no deadlock, no second up.
    expect(changes(up.summary)).toEqual({ create: 11 });
    expect(up.outputs.usable.value).toBe(true);
    expect(up.outputs.status.value).toBe("verified");
    expect((await client.listMailAddresses()).map((m) => m.accountName).sort()).toEqual([
      "alerts@mail.example.net",
      "noreply@mail.example.net",
    ]);
    // The records were there before the wait began: one CheckDomain.
    expect(checkDomainCalls()).toBe(1);
    const domain = account(emulatorState).regions["cn-hangzhou"].domains?.find((x) => x.domainName === "mail.example.net");
    expect([...(domain?.published ?? [])].sort()).toEqual([...PURPOSES].sort());

    // A change to the verification alone: its domainName stays known at preview, so the senders
    // built from it are not shown as replaced (nor changed at all).
    d.setProgram(program(emulatorState, { publish: PURPOSES, senders: ["noreply", "alerts"], timeoutMinutes: 3 }));
    const preview = changes((await d.preview()).changeSummary);
    expect(preview.replace ?? 0).toBe(0);
    expect(preview.update ?? 0).toBeLessThanOrEqual(1);
    expect(changes((await d.up()).summary).replace ?? 0).toBe(0);

    expect(changes((await d.destroy()).summary)).toEqual({ delete: 11 });
    expect(await client.listMailAddresses()).toEqual([]);
    expect((await client.listDomains()).map((x) => x.domainName)).not.toContain("mail.example.net");
  });

  test("the old shape, waitForVerification with a DNS record in the same stack, deadlocks: the record waits for the domain; the timeout says so", async () => {
    d.setProgram(async () => {
      const domain = new MailDomain("stuck", { domainName: "stuck.example.net", waitForVerification: { timeoutMinutes: 0.1 } });
      const record = domain.dnsRecords.apply((all) => all.find((r) => r.purpose === "ownership")!);
      new SimulatedDnsRecord("stuck-ownership", {
        domainName: domain.domainName,
        purpose: "ownership",
        type: record.type,
        fqdn: record.fqdn,
        value: record.value,
        emulatorState,
      });
      return {};
    });
    const err = String(await d.up().catch((e: Error) => e));
    expect(err).toContain("domain stuck.example.net was not verified within 0.1 minutes");
    expect(err).toContain("wait with a MailDomainVerification ordered after the records");
    // The record was never created: it waited for the domain.
    expect(d.stateFile()).not.toContain("stuck-ownership");
    d.setProgram(async () => ({}));
    await d.up();
    expect((await client.listDomains()).map((x) => x.domainName)).not.toContain("stuck.example.net");
  });

  test("names in recordFqdns that are not the domain's records fail at once, with every record, before any CheckDomain", async () => {
    const before = checkDomainCalls();
    d.setProgram(program(emulatorState, { recordFqdns: ["aliyundm.example.net", "mail.example.net."], timeoutMinutes: 1 }));
    const err = String(await d.up().catch((e: Error) => e));
    expect(err).toContain("recordFqdns does not match the records of domain mail.example.net");
    expect(err).toContain("it lacks the required ownership record (TXT aliyundm.mail.example.net)");
    expect(err).toContain("aliyundm.example.net is none of the domain's records");
    expect(err).toContain("CNAME dmtrace.mail.example.net = tracedm.aliyuncs.com   (tracking)");
    expect(checkDomainCalls()).toBe(before);
  });

  test("the wait says what it waits for, record by record; a timeout lists every record and keeps the verification; the next up converges", async () => {
    d.setProgram(program(emulatorState, { timeoutMinutes: 0.3, senders: ["noreply"], onlyDomainOutputs: true }));
    const printedBefore = d.output.length;
    const printed = () => d.output.slice(printedBefore).join("");
    let settled = false;
    const up = d
      .up()
      .catch((e: Error) => e)
      .finally(() => (settled = true));
    // As a person would: publish some records while the wait runs.
    while (!settled && !printed().includes("waiting for DNS of mail.example.net")) await new Promise((r) => setTimeout(r, 200));
    await d.emulator.dns({ domainName: "mail.example.net", records: ["spf", "mx"] });
    const err = String(await up);

    const token = account(emulatorState).regions["cn-hangzhou"].domains!.find((x) => x.domainName === "mail.example.net")!.ownershipToken;
    const lines = printed();
    // While waiting: what is missing, each record's type, full name and value, and how many checks pass.
    // On the verification's own row, as its status while it is being created.
    expect(lines).toMatch(
      /pulumi-nodejs:dynamic\/directmail:MailDomainVerification mail creating \(\d+s\) waiting for DNS of mail\.example\.net \(0 of 5 reported checks pass, 0m0/,
    );
    expect(lines).toContain(
      `s of 0.3m): TXT aliyundm.mail.example.net = ${token} (ownership, confirmed only when the domain verifies); TXT mail.example.net = v=spf1`,
    );
    expect(lines).toContain("MX mail.example.net = 10 mx01.dm.aliyun.com (mx)");
    expect(lines).toContain("CNAME dmtrace.mail.example.net = tracedm.aliyuncs.com (tracking, optional)");
    expect(lines).toMatch(
      /waiting for DNS of mail\.example\.net \(2 of 5 reported checks pass, 0m\d\ds of 0\.3m\): TXT aliyundm\.mail\.example\.net = /,
    );

    // The error itself lists every record to publish.
    expect(err).toContain(
      "domain mail.example.net was not verified within 0.3 minutes: the reported required checks (spf, mx) pass, but DirectMail does not report it usable: check the ownership record (ownership is confirmed only when the domain verifies)",
    );
    expect(err).toContain(`TXT aliyundm.mail.example.net = ${token}   (ownership, required, not confirmed)`);
    expect(err).toContain("TXT mail.example.net = v=spf1 include:spf1.dm.aliyun.com -all   (spf, required, passes)");
    expect(err).toContain("MX mail.example.net = 10 mx01.dm.aliyun.com   (mx, required, passes)");
    expect(err).toMatch(/TXT aliyun-cn-hangzhou\._domainkey\.mail\.example\.net = v=DKIM1; k=rsa; p=\S+ {3}\(dkim, optional, fails\)/);
    expect(err).toContain(
      "TXT _dmarc.mail.example.net = v=DMARC1;p=none;rua=mailto:dmarc_report@service.aliyun.com   (dmarc, optional, fails)",
    );
    expect(err).toContain("CNAME dmtrace.mail.example.net = tracedm.aliyuncs.com   (tracking, optional, fails)");

    // The verification is in the stack with the records; the sender was never created; the stack's outputs show the records.
    expect(d.stateFile()).toContain("MailDomainVerification");
    expect(d.stateFile()).toContain(token);
    expect(await client.listMailAddresses()).toEqual([]);
    const outputs = await d.local.stack.outputs();
    expect(
      (outputs.dnsRecords.value as Array<{ fqdn: string; value: string }>).find((r) => r.fqdn === "aliyundm.mail.example.net")?.value,
    ).toBe(token);

    await d.emulator.dns({ domainName: "mail.example.net" });
    d.setProgram(program(emulatorState, { timeoutMinutes: 0.3, senders: ["noreply"] }));
    const next = await d.up();
    expect(changes(next.summary)).toEqual({ update: 1, create: 1 });
    expect(next.outputs.status.value).toBe("verified");
    expect((await client.listMailAddresses()).map((m) => m.accountName)).toEqual(["noreply@mail.example.net"]);
    // The domain, the verification, the sender, and the stack's root that the failed up left.
    expect(changes((await d.destroy()).summary)).toEqual({ delete: 4 });
  });
});
