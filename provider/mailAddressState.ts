import type { MailAddressRecord, Sendtype } from "../client/types";
import { isRegion, SMTP_HOSTS } from "../client/endpoints";

/** What a user declares for a MailAddress (after `check`: lower-cased name, region filled in). */
export interface MailAddressInputs {
  readonly accountName: string;
  readonly sendtype: Sendtype;
  readonly replyAddress?: string;
  readonly password?: string;
  readonly region: string;
  readonly adopt?: boolean;
  readonly verifyReplyAddress?: boolean;
  readonly verificationLanguage?: "en" | "zh";
  readonly replyVerificationTicket?: string;
}

/** Everything a MailAddress exposes: its inputs plus what DirectMail reports. */
export interface MailAddressOutputs extends MailAddressInputs, MailAddressInfo {
  readonly replyAddress?: string;
  /** True when the address existed before and was taken over (adopt). */
  readonly adopted: boolean;
  readonly smtpHost: string;
  readonly smtpUsername: string;
}

function status(value: number, names: readonly string[]): string {
  return names[value] ?? `unknown (${value})`;
}

/** A sender address as DirectMail reports it, in this package's terms. */
export interface MailAddressInfo {
  readonly mailAddressId: string;
  readonly accountName: string;
  readonly sendtype: Sendtype;
  readonly replyAddress?: string;
  readonly accountStatus: "normal" | "frozen" | string;
  readonly replyAddressStatus: "verified" | "unverified" | "none";
  readonly domainStatus: "normal" | "abnormal" | string;
  readonly createTime: string;
  readonly dailyQuota: number;
  readonly monthlyQuota: number;
  readonly dailyUsage: number;
  readonly monthlyUsage: number;
}

export function describe(live: MailAddressRecord): MailAddressInfo {
  return compact({
    mailAddressId: live.mailAddressId,
    accountName: live.accountName,
    sendtype: live.sendtype,
    replyAddress: live.replyAddress || undefined,
    accountStatus: status(live.accountStatus, ["normal", "frozen"]),
    replyAddressStatus: !live.replyAddress ? "none" : live.replyStatus === 0 ? "verified" : "unverified",
    domainStatus: status(live.domainStatus, ["normal", "abnormal"]),
    createTime: live.createTime,
    dailyQuota: live.dailyCount,
    monthlyQuota: live.monthCount,
    dailyUsage: live.dailyReqCount,
    monthlyUsage: live.monthReqCount,
  });
}

/**
 * Drops keys whose value is undefined. The engine's protobuf conversion
 * rejects undefined ("Unexpected struct type") after the work is done, which
 * would lose a freshly created address; so every object handed back goes
 * through here.
 */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Joins what was declared with what the service reports now. A reply address
 * left undeclared is not managed, so the output shows what the service has.
 */
export function toOutputs(inputs: MailAddressInputs, live: MailAddressRecord, adopted: boolean): MailAddressOutputs {
  return compact({
    ...inputs,
    ...describe(live),
    adopted,
    smtpHost: isRegion(inputs.region) ? SMTP_HOSTS[inputs.region] : "",
    smtpUsername: live.accountName,
  });
}
