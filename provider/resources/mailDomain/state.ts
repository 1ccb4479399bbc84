import type { DomainDetail, DomainRecord } from "../../../client/types";
import { compact } from "../../framework/compact";
import type { MailDomainInputs, MailDomainOutputs } from "./schema";

/**
 * A domain as DirectMail reports it, in this package's terms: the records to
 * publish, ready for any DNS provider, and each check's result.
 */

export type DnsPurpose = "ownership" | "spf" | "mx" | "dkim" | "dmarc" | "tracking";

export interface DnsRecord {
  readonly purpose: DnsPurpose;
  readonly type: "TXT" | "MX" | "CNAME";
  /** Relative to the root domain; `@` for the root itself. */
  readonly name: string;
  readonly fqdn: string;
  readonly value: string;
  /** MX only. DirectMail gives none; 10 is what its guides use. */
  readonly priority?: number;
  /** Whether DirectMail needs it to verify the domain (ownership, SPF, MX); the others are recommended. */
  readonly required: boolean;
}

export type DomainCheckResult = "passed" | "failed";

export interface DomainChecks {
  readonly ownership: DomainCheckResult;
  readonly spf: DomainCheckResult;
  readonly mx: DomainCheckResult;
  readonly dkim: DomainCheckResult;
  readonly dmarc: DomainCheckResult;
  readonly trackingCname: DomainCheckResult;
  readonly icp: "filed" | "not filed";
}

/** 0 and 2-4 can send (2-4 only on older pages, UNCONFIRMED today); 1 cannot. */
export function isUsable(domainStatus: number): boolean {
  return domainStatus === 0 || domainStatus === 2 || domainStatus === 3 || domainStatus === 4;
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: "verified",
  1: "not verified",
  2: "usable (tracking CNAME not verified, no ICP filing)",
  3: "usable (no ICP filing)",
  4: "usable (tracking CNAME not verified)",
};

export function statusName(domainStatus: number): string {
  return STATUS_NAMES[domainStatus] ?? `unknown (${domainStatus})`;
}

/** The root domain: the service's TlDomainName, or the last two labels when it sends none. */
function rootOf(detail: DomainDetail): string {
  return (detail.rootDomain || detail.domainName.split(".").slice(-2).join(".")).toLowerCase();
}

/**
 * A record host in full. DirectMail's form is UNCONFIRMED: a host may come in
 * full, relative to the root domain (`dmtrace.news` for news.example.com), or
 * relative to the domain itself (`dmtrace`, as CnameRecord is described). Every
 * record of a domain lives at or below it, which tells the three apart: a host
 * ending in the root is in full; one ending in the part of the domain below the
 * root is relative to the root; anything else is relative to the domain.
 */
function fqdnOf(host: string, domainName: string, root: string): string {
  const h = host.trim().replace(/\.$/, "").toLowerCase();
  if (h === "" || h === "@") return root;
  if (h === root || h.endsWith(`.${root}`)) return h;
  const sub = domainName === root ? "" : domainName.slice(0, -(root.length + 1));
  if (sub !== "" && (h === sub || h.endsWith(`.${sub}`))) return `${h}.${root}`;
  return `${h}.${domainName}`;
}

function relativeTo(fqdn: string, root: string): string {
  return fqdn === root ? "@" : fqdn.slice(0, -(root.length + 1));
}

export function dnsRecordsOf(detail: DomainDetail): DnsRecord[] {
  const root = rootOf(detail);
  const self = detail.domainName.toLowerCase();
  const record = (purpose: DnsPurpose, type: DnsRecord["type"], host: string, value: string, required: boolean): DnsRecord => {
    const fqdn = fqdnOf(host, self, root);
    return compact({ purpose, type, name: relativeTo(fqdn, root), fqdn, value, priority: type === "MX" ? 10 : undefined, required });
  };
  return [
    record("ownership", "TXT", detail.ownershipHost, detail.ownershipValue, true),
    record("spf", "TXT", self, detail.spfRecord, true),
    record("mx", "MX", self, detail.mxRecord, true),
    record("dkim", "TXT", detail.dkimHost, detail.dkimPublicKey, false),
    record("dmarc", "TXT", detail.dmarcHost, detail.dmarcRecord, false),
    record("tracking", "CNAME", detail.trackingHost, detail.trackingValue, false),
  ].filter((r) => r.value !== "");
}

export function checksOf(detail: DomainDetail): DomainChecks {
  const result = (status: number): DomainCheckResult => (status === 0 ? "passed" : "failed");
  return {
    // DirectMail reports no ownership status of its own: a usable domain has passed it.
    ownership: isUsable(detail.domainStatus) ? "passed" : "failed",
    spf: result(detail.spfAuthStatus),
    mx: result(detail.mxAuthStatus),
    dkim: result(detail.dkimAuthStatus),
    dmarc: result(detail.dmarcAuthStatus),
    trackingCname: result(detail.cnameAuthStatus),
    icp: detail.icpStatus === 1 ? "filed" : "not filed",
  };
}

/** A domain as the look-ups return it. */
export type MailDomainInfo = Pick<MailDomainOutputs, "domainId" | "domainName" | "domainStatus" | "status" | "usable" | "createTime">;

export function toMailDomainInfo(record: DomainRecord): MailDomainInfo {
  return {
    domainId: record.domainId,
    domainName: record.domainName,
    domainStatus: record.domainStatus,
    status: statusName(record.domainStatus),
    usable: isUsable(record.domainStatus),
    createTime: record.createTime,
  };
}

/** The full picture of one domain, records and checks included (getMailDomain and the resource's outputs). */
export type MailDomainDetail = MailDomainInfo & Pick<MailDomainOutputs, "rootDomain" | "checks" | "dnsRecords">;

export function toMailDomainDetail(detail: DomainDetail): MailDomainDetail {
  return {
    ...toMailDomainInfo(detail),
    rootDomain: rootOf(detail),
    checks: checksOf(detail),
    dnsRecords: dnsRecordsOf(detail),
  };
}

export function toMailDomainOutputs(inputs: MailDomainInputs, detail: DomainDetail, adopted: boolean): MailDomainOutputs {
  return compact({ ...inputs, ...toMailDomainDetail(detail), domainName: inputs.domainName, adopted });
}
