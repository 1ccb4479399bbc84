/**
 * Typed shapes of DirectMail answers. The wire is inconsistent about types
 * (old samples send numbers, new metadata says strings), so everything is
 * normalised here and nowhere else.
 */

import type { Sendtype } from "./apiFacts";

export { SENDTYPES } from "./apiFacts";
export type { Sendtype } from "./apiFacts";

export interface MailAddressRecord {
  readonly mailAddressId: string;
  readonly accountName: string;
  readonly sendtype: Sendtype;
  /** 0 normal, 1 frozen. */
  readonly accountStatus: number;
  readonly replyAddress: string;
  /** 0 verified, 1 not verified (UNCONFIRMED meaning, see README). */
  readonly replyStatus: number;
  /** 0 normal, 1 abnormal. */
  readonly domainStatus: number;
  /** As sent: `yyyy-MM-ddTHH:mmZ`. */
  readonly createTime: string;
  readonly dailyCount: number;
  readonly monthCount: number;
  readonly dailyReqCount: number;
  readonly monthReqCount: number;
}

export interface Page<T> {
  readonly totalCount: number;
  readonly pageNumber: number;
  readonly pageSize: number;
  readonly items: readonly T[];
}

export interface DomainRecord {
  readonly domainId: string;
  readonly domainName: string;
  readonly domainStatus: number;
  readonly createTime: string;
}

/**
 * DescDomain's answer. Record hosts may come relative to the root domain or
 * fully qualified (UNCONFIRMED); they are kept as sent, and the provider's MailDomain
 * state reads them either way.
 */
export interface DomainDetail extends DomainRecord {
  /** The root domain (`example.com` for `mail.example.com`). */
  readonly rootDomain: string;
  readonly ownershipHost: string;
  readonly ownershipValue: string;
  /** The whole SPF record (`v=spf1 include:… -all`). */
  readonly spfRecord: string;
  readonly mxRecord: string;
  readonly dkimHost: string;
  readonly dkimPublicKey: string;
  readonly dmarcHost: string;
  readonly dmarcRecord: string;
  readonly trackingHost: string;
  readonly trackingValue: string;
  /** What public DNS holds now, as the service last looked ("" for nothing). */
  readonly dnsNow: { readonly ownership: string; readonly spf: string; readonly mx: string; readonly dmarc: string };
  /** 0 passed, 1 failed (-1 when the answer has no such field). */
  readonly spfAuthStatus: number;
  readonly mxAuthStatus: number;
  readonly cnameAuthStatus: number;
  readonly dkimAuthStatus: number;
  readonly dmarcAuthStatus: number;
  /** 1 filed, 0 not filed. */
  readonly icpStatus: number;
}

export interface NotifyUrlSetting {
  readonly notifyUrl: string;
  readonly notifyUrlStatus: string;
}

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function asString(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value);
}

/** Numbers may arrive as numbers or numeric strings; anything else is -1, which the service uses for "not set". */
export function asNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return -1;
}

function asSendtype(value: unknown): Sendtype {
  return asString(value) === "batch" ? "batch" : "trigger";
}

export function toMailAddressRecord(raw: unknown): MailAddressRecord {
  const o = asObject(raw);
  return {
    mailAddressId: asString(o.MailAddressId),
    accountName: asString(o.AccountName),
    sendtype: asSendtype(o.Sendtype),
    accountStatus: asNumber(o.AccountStatus),
    replyAddress: asString(o.ReplyAddress),
    replyStatus: asNumber(o.ReplyStatus),
    domainStatus: asNumber(o.DomainStatus),
    createTime: asString(o.CreateTime),
    dailyCount: asNumber(o.DailyCount),
    monthCount: asNumber(o.MonthCount),
    dailyReqCount: asNumber(o.DailyReqCount),
    monthReqCount: asNumber(o.MonthReqCount),
  };
}

export function toDomainRecord(raw: unknown): DomainRecord {
  const o = asObject(raw);
  return {
    domainId: asString(o.DomainId),
    domainName: asString(o.DomainName),
    domainStatus: asNumber(o.DomainStatus),
    createTime: asString(o.CreateTime),
  };
}

export function toDomainDetail(raw: unknown): DomainDetail {
  const o = asObject(raw);
  const spfInclude = asString(o.SpfRecord);
  return {
    ...toDomainRecord(o),
    rootDomain: asString(o.TlDomainName),
    ownershipHost: asString(o.HostRecord),
    ownershipValue: asString(o.DomainType),
    // SpfRecordV2 is the whole record; older answers give only the include in SpfRecord.
    spfRecord: asString(o.SpfRecordV2) || (spfInclude ? `v=spf1 include:${spfInclude} -all` : ""),
    mxRecord: asString(o.MxRecord),
    dkimHost: asString(o.DkimRR),
    dkimPublicKey: asString(o.DkimPublicKey),
    dmarcHost: asString(o.DmarcHostRecord),
    dmarcRecord: asString(o.DmarcRecord),
    trackingHost: asString(o.CnameRecord),
    trackingValue: asString(o.TracefRecord),
    dnsNow: { ownership: asString(o.DnsTxt), spf: asString(o.DnsSpf), mx: asString(o.DnsMx), dmarc: asString(o.DnsDmarc) },
    spfAuthStatus: asNumber(o.SpfAuthStatus),
    mxAuthStatus: asNumber(o.MxAuthStatus),
    cnameAuthStatus: asNumber(o.CnameAuthStatus),
    dkimAuthStatus: asNumber(o.DkimAuthStatus),
    dmarcAuthStatus: asNumber(o.DmarcAuthStatus),
    icpStatus: asNumber(o.IcpStatus),
  };
}

/** `{TotalCount, PageNumber, PageSize, data: {<listKey>: [...]}}`: note the lowercase wrapper. */
export function toPage<T>(body: JsonObject, listKey: string, convert: (raw: unknown) => T): Page<T> {
  const list = asObject(body.data)[listKey];
  return {
    totalCount: asNumber(body.TotalCount),
    pageNumber: asNumber(body.PageNumber),
    pageSize: asNumber(body.PageSize),
    items: Array.isArray(list) ? list.map(convert) : [],
  };
}
