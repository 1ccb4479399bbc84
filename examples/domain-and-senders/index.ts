import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MailAddress, MailDomain, MailDomainVerification } from "pulumi-directmail";
import { SimulatedDnsRecord } from "./simulatedDns";

// The whole sender set-up in one stack, in the shape of AWS's certificate and its validation:
// the domain gives its records without waiting, DNS records publish them, the verification waits
// after those, and the senders are built on the verification. Passwords are config secrets:
//   pulumi config set --secret smtpPassword 'DOmain5etup9'
const config = new pulumi.Config();

const domainName = config.get("domainName") ?? "mail.example.net";
const domain = new MailDomain("mail", { domainName });

// One DNS record per record the domain asks for. Here a stand-in that publishes into the
// built-in emulator's simulated DNS; with the real service, your DNS provider's record resource.
const emulatorState = path.resolve(new pulumi.Config("directmail").get("emulatorState") ?? ".directmail-emulator.json");
const records = (["ownership", "spf", "mx", "dkim", "dmarc", "tracking"] as const).map((purpose) => {
  const record = domain.dnsRecords.apply((all) => {
    const found = all.find((r) => r.purpose === purpose);
    if (!found) throw new Error(`domain ${domainName} has no ${purpose} record`);
    return found;
  });
  return new SimulatedDnsRecord(purpose, {
    domainName: domain.domainName,
    purpose,
    type: record.type,
    fqdn: record.fqdn,
    value: record.value,
    emulatorState,
  });
});

// Waits (up to timeoutMinutes) until DirectMail has verified the domain; ordered after the
// records through recordFqdns, each of which must be one of the domain's records.
// domainName (checked against domainId) keeps the verification's domainName output known at
// preview, so a change to the verification does not show the senders as replaced.
const verification = new MailDomainVerification("mail", {
  domainId: domain.domainId,
  domainName: domain.domainName,
  recordFqdns: records.map((r) => r.fqdn),
  timeoutMinutes: config.getNumber("verificationTimeoutMinutes") ?? 30,
});

// The senders name the domain through the verification's output, so Pulumi creates them once it
// is verified, and deletes them first.
const senders = ["noreply", "news"].map(
  (name) =>
    new MailAddress(name, {
      accountName: pulumi.interpolate`${name}@${verification.domainName}`,
      sendtype: name === "news" ? "batch" : "trigger",
      password: config.requireSecret("smtpPassword"),
    }),
);

export const rootDomain = domain.rootDomain;
export const dnsRecords = domain.dnsRecords;
export const status = verification.status;
export const checks = verification.checks;
export const smtpUsernames = senders.map((s) => s.smtpUsername);
