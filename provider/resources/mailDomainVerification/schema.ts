import { checksOutput, dnsRecordList } from "../mailDomain/schema";
import { accountRef, count, domainName, flag, hostNames, region, text, waitMinutes } from "../../schema/propertyTypes";
import { defineSchema, TypesOf } from "../../schema/schema";

/** Every property of a MailDomainVerification, declared once. */
export const mailDomainVerificationSchema = defineSchema({
  name: "MailDomainVerification",
  inputs: {
    domainId: {
      type: text,
      required: true,
      onChange: "replace",
      doc: "the domain to wait for: a `MailDomain`'s `domainId` output",
    },
    domainName: {
      type: domainName,
      onChange: "replace",
      lowerCase: true,
      // Left out (every stack made before it existed), the output still holds the name: no replacement.
      unmanagedWhenOmitted: true,
      doc: "the domain's name, a `MailDomain`'s `domainName` (checked against `domainId`). As an output, the verified domain's name (also when left out): build sender addresses from it, so that they wait for the verification; given, it is known at preview, so senders built from it are not previewed as replaced when the verification changes",
    },
    region: { type: region, onChange: "replace", fallback: "configuredRegion", doc: "must be the domain's region" },
    account: {
      type: accountRef,
      onChange: "replace",
      doc: "must be the domain's account: a `MailDomain`'s `account`, named without a credential (`{ profile }` or `{ roleArn }`); left out, the default credentials' account",
    },
    recordFqdns: {
      type: hostNames,
      onChange: "update",
      doc: "the full names of the records published for the domain, from the DNS resources that publish them: orders the wait after them, and each must be one of the domain's records, the required ones (ownership, SPF, MX) all there",
    },
    timeoutMinutes: {
      type: waitMinutes,
      onChange: "state",
      doc: "how long to wait for DirectMail to verify the domain (CheckDomain, paced to its 10 calls a minute)",
    },
  },
  outputs: {
    domainStatus: {
      type: count,
      doc: "DomainStatus as DirectMail reports it: 0 verified, 2-4 usable with optional checks failing (1, not verified, only after a timeout)",
    },
    status: { type: text, doc: "`domainStatus` in words, for example `verified`" },
    usable: { type: flag, doc: "whether sender addresses can be created on the domain" },
    checks: checksOutput,
    dnsRecords: {
      type: dnsRecordList,
      doc: "every record of the domain, as `MailDomain.dnsRecords` gives them (kept after a timeout, so `pulumi stack export` shows them)",
    },
  },
  identity: ["domainId", "region", "account"],
  clash: "a domain has one verification: it is not an object in DirectMail, only the wait for the domain's own status",
});

type Types = TypesOf<typeof mailDomainVerificationSchema>;
export type MailDomainVerificationArgs = Types["args"];
export type MailDomainVerificationInputs = Types["inputs"];
export type MailDomainVerificationOutputs = Types["outputs"];
