import type { Sendtype } from "../apiFacts";
import { asNumber, asObject, asString } from "../rpc/answers";

/** Sender addresses as QueryMailAddressByParam answers them. */

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
