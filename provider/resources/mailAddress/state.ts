import type { MailAddressRecord } from "../../../client/types";
import type { MailAddressInputs, MailAddressOutputs } from "./schema";
import { isRegion, SMTP_HOSTS } from "../../../client/rpc/endpoints";
import { compact } from "../../framework/compact";

function inWords(value: number, names: readonly string[]): string {
  return names[value] ?? `unknown (${value})`;
}

/** A sender address as DirectMail reports it, in this package's terms (what the look-ups return). */
export type MailAddressInfo = Pick<
  MailAddressOutputs,
  | "mailAddressId"
  | "accountName"
  | "sendtype"
  | "replyAddress"
  | "accountStatus"
  | "replyAddressStatus"
  | "domainStatus"
  | "createTime"
  | "dailyQuota"
  | "monthlyQuota"
  | "dailyUsage"
  | "monthlyUsage"
>;

export function toMailAddressInfo(live: MailAddressRecord): MailAddressInfo {
  return compact({
    mailAddressId: live.mailAddressId,
    accountName: live.accountName,
    sendtype: live.sendtype,
    replyAddress: live.replyAddress || undefined,
    accountStatus: inWords(live.accountStatus, ["normal", "frozen"]),
    replyAddressStatus: !live.replyAddress ? "none" : live.replyStatus === 0 ? "verified" : "unverified",
    domainStatus: inWords(live.domainStatus, ["normal", "abnormal"]),
    createTime: live.createTime,
    dailyQuota: live.dailyCount,
    monthlyQuota: live.monthCount,
    dailyUsage: live.dailyReqCount,
    monthlyUsage: live.monthReqCount,
  });
}

/**
 * Joins what was declared with what the service reports now. A reply address
 * left undeclared is not managed, so the output shows what the service has.
 */
export function toMailAddressOutputs(inputs: MailAddressInputs, live: MailAddressRecord, adopted: boolean): MailAddressOutputs {
  return compact({
    ...inputs,
    ...toMailAddressInfo(live),
    adopted,
    smtpHost: isRegion(inputs.region) ? SMTP_HOSTS[inputs.region] : "",
    smtpUsername: live.accountName,
  });
}
