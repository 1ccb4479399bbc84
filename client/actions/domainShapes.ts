import { asNumber, asObject, asString } from "../rpc/answers";

/** Sending domains as QueryDomainByParam and DescDomain answer them. */

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
