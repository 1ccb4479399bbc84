import * as pulumi from "@pulumi/pulumi";
import { MailAddress, MailDomain } from "pulumi-directmail";

// The whole sender set-up in one stack: the domain, the records to publish, the wait for
// DirectMail to verify it, then the senders. Passwords are config secrets:
//   pulumi config set --secret smtpPassword 'DOmain5etup9'
const config = new pulumi.Config();

const domain = new MailDomain("mail", {
  domainName: config.get("domainName") ?? "mail.example.net",
  waitForVerification: { timeoutMinutes: config.getNumber("verificationTimeoutMinutes") ?? 30 },
});

// The senders name the domain through its output, so Pulumi creates them after it is verified
// and deletes them before it.
const senders = ["noreply", "news"].map(
  (name) =>
    new MailAddress(name, {
      accountName: pulumi.interpolate`${name}@${domain.domainName}`,
      sendtype: name === "news" ? "batch" : "trigger",
      password: config.requireSecret("smtpPassword"),
    }),
);

// Hand these to any DNS provider: each has purpose, type, name (relative to rootDomain), fqdn, value
// and, for MX, priority.
export const rootDomain = domain.rootDomain;
export const dnsRecords = domain.dnsRecords;
export const status = domain.status;
export const checks = domain.checks;
export const smtpUsernames = senders.map((s) => s.smtpUsername);
