import { createHash } from "node:crypto";

/**
 * The DNS records DirectMail asks a sending domain to publish, as the emulator
 * makes them up: per region values where the sources show them
 * (docs/directmail-api.md), the rest by the same pattern (UNCONFIRMED).
 */

export const PURPOSES = ["ownership", "spf", "mx", "dkim", "dmarc", "tracking"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Checks a domain must pass to be usable: ownership, SPF and MX (the help pages); the others are optional. */
export const REQUIRED_PURPOSES: readonly Purpose[] = ["ownership", "spf", "mx"];

export interface StoredDomain {
  id: number;
  domainName: string;
  dkimSelector: string;
  createdAt: string;
  /** The ownership TXT value. */
  ownershipToken: string;
  /** What the simulated DNS holds: the purposes whose record is published. */
  published: Purpose[];
  /** What the last CheckDomain found; null before the first check. */
  passed: Purpose[] | null;
  /** ICP filing (mainland China): filed unless the emulator is told otherwise. */
  icpFiled: boolean;
}

export interface DnsRecordValue {
  readonly type: "TXT" | "MX" | "CNAME";
  /** Relative to the root domain; `@` for the root itself. */
  readonly host: string;
  readonly value: string;
}

/**
 * The root domain: the last two labels. The emulator knows no public suffix
 * list, so `mail.example.co.uk` gives `co.uk` here; the real service knows better.
 */
export function rootDomain(domainName: string): string {
  return domainName.split(".").slice(-2).join(".");
}

/** The part of the domain below the root ("" for the root itself). */
function subdomain(domainName: string): string {
  const root = rootDomain(domainName);
  return domainName === root ? "" : domainName.slice(0, -(root.length + 1));
}

const below = (label: string, sub: string): string => (sub ? `${label}.${sub}` : label);

/** Cluster names in record values: Hangzhou's have none, the others carry the region. */
function cluster(region: string): { spf: string; mx: string; trace: string } {
  if (region === "cn-hangzhou") return { spf: "spf1.dm.aliyun.com", mx: "mx01.dm.aliyun.com", trace: "tracedm.aliyuncs.com" };
  return { spf: `spfdm-${region}.aliyun.com`, mx: `mxdm-${region}.aliyun.com`, trace: `tracedm-${region}.aliyuncs.com` };
}

/** A stable made-up DKIM key for the domain, so repeated reads agree. */
function dkimKey(domain: StoredDomain): string {
  const digest = createHash("sha512").update(`${domain.id}:${domain.domainName}:${domain.dkimSelector}`).digest("base64");
  return `v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ${digest.replace(/[^A-Za-z0-9]/g, "")}IDAQAB`;
}

export function recordValues(region: string, domain: StoredDomain): Record<Purpose, DnsRecordValue> {
  const sub = subdomain(domain.domainName);
  const values = cluster(region);
  return {
    ownership: { type: "TXT", host: below("aliyundm", sub), value: domain.ownershipToken },
    spf: { type: "TXT", host: sub || "@", value: `v=spf1 include:${values.spf} -all` },
    mx: { type: "MX", host: sub || "@", value: values.mx },
    dkim: { type: "TXT", host: below(`${domain.dkimSelector}._domainkey`, sub), value: dkimKey(domain) },
    dmarc: { type: "TXT", host: below("_dmarc", sub), value: "v=DMARC1;p=none;rua=mailto:dmarc_report@service.aliyun.com" },
    tracking: { type: "CNAME", host: below("dmtrace", sub), value: values.trace },
  };
}
