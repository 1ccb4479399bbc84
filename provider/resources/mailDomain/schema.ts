import type { DnsRecord, DomainChecks } from "./state";
import { dkimSelector, domainName, flag, count, region, reported, text, verificationWait, accountRef } from "../../schema/propertyTypes";
import { defineSchema, TypesOf } from "../../schema/schema";

/** A domain's records, as MailDomain and MailDomainVerification both give them. */
export const dnsRecordList = reported<DnsRecord[]>("`{ purpose, type, name, fqdn, value, priority?, required }[]`");

/** The checks' results, the same output on MailDomain and MailDomainVerification. */
export const checksOutput = {
  type: reported<DomainChecks>("`{ ownership, spf, mx, dkim, dmarc, trackingCname, icp }`"),
  doc: "each check's result from the last verification: `passed` or `failed` (`icp`: `filed` or `not filed`)",
} as const;

/** Every property of a MailDomain, declared once. */
export const mailDomainSchema = defineSchema({
  name: "MailDomain",
  inputs: {
    domainName: {
      type: domainName,
      required: true,
      onChange: "replace",
      lowerCase: true,
      doc: "the sending domain, for example `mail.example.com`",
    },
    region: { type: region, onChange: "replace", fallback: "configuredRegion", doc: "the DirectMail region of the domain" },
    account: {
      type: accountRef,
      onChange: "replace",
      doc: 'the account it lives in, named without a credential: `{ profile: "prod" }` (an Alibaba CLI profile) or `{ roleArn }` (a role assumed with the default credentials); left out, the default credentials\' account. Another account is a replacement',
    },
    dkimSelector: {
      type: dkimSelector,
      onChange: "replace",
      doc: "the DKIM selector (the host is `<selector>._domainkey`); DirectMail recommends leaving it out",
    },
    adopt: {
      type: flag,
      onChange: "state",
      doc: "take over an existing domain with this name instead of failing",
    },
    waitForVerification: {
      type: verificationWait,
      onChange: "update",
      doc: "wait until DirectMail has verified the domain (CheckDomain, paced to its 10 calls a minute); off when left out. For records published outside the stack: a DNS resource in the same stack that reads `dnsRecords` would wait for this wait, which waits for it; wait with a `MailDomainVerification` after the records instead",
    },
  },
  outputs: {
    domainId: { type: text, doc: "DirectMail's id, also the resource id" },
    adopted: { type: flag, doc: "true when the domain existed and was taken over" },
    rootDomain: { type: text, doc: "the root domain the record names are relative to (`example.com`)" },
    domainStatus: {
      type: count,
      doc: "DomainStatus as DirectMail reports it: 0 verified, 1 not verified, 2-4 usable with optional checks failing",
    },
    status: { type: text, doc: "`domainStatus` in words, for example `verified` or `not verified`" },
    usable: { type: flag, doc: "whether sender addresses can be created on the domain (status 0, 2, 3 or 4)" },
    checks: checksOutput,
    dnsRecords: {
      type: dnsRecordList,
      doc: "every record to publish: `name` relative to `rootDomain` (`@` for the root), `fqdn` in full, MX `priority` 10",
    },
    createTime: { type: text, doc: "as DirectMail reports it, to the minute" },
  },
  identity: ["domainName", "region", "account"],
  clash: "the same domain cannot exist twice in a region",
});

type Types = TypesOf<typeof mailDomainSchema>;
export type MailDomainArgs = Types["args"];
export type MailDomainInputs = Types["inputs"];
export type MailDomainOutputs = Types["outputs"];
