import type { Sendtype } from "../apiFacts";
import type { DirectMailServiceError } from "../errors";
import { passwordProblems } from "./passwordRules";
import { lookUpRecovery } from "../resilience/listing";
import { asString, toPage } from "../rpc/answers";
import { defineAction, nothing } from "./action";
import { toMailAddressRecord } from "./addressShapes";

/** The sender-address actions, reply verification included. */

/** How the address actions say the address does not exist. `InvalidMailAddressId.Malformed` as "no such id" is UNCONFIRMED (Terraform reads it so). */
const ADDRESS_GONE = ["InvalidMailAddressId.Malformed", "InvalidMailAddress.NotFound"];

export interface CreatedAddress {
  readonly mailAddressId: string;
  readonly requestId?: string;
  /** True when a lost answer was recovered by finding the address it made. */
  readonly recovered: boolean;
}

export const createMailAddress = defineAction({
  name: "CreateMailAddress",
  params: (a: { accountName: string; sendtype: Sendtype; replyAddress?: string }) => ({
    AccountName: a.accountName,
    Sendtype: a.sendtype,
    ReplyAddress: a.replyAddress || undefined,
  }),
  read: (body): CreatedAddress => ({ mailAddressId: asString(body.MailAddressId), requestId: asString(body.RequestId), recovered: false }),
  // The address the lost attempt made is found and returned instead of a second request meeting "already exists".
  recovery: (a, client) =>
    lookUpRecovery(async () => {
      const mine = await client.findMailAddressByName(a.accountName);
      return mine && mine.sendtype === a.sendtype ? { mailAddressId: mine.mailAddressId, recovered: true } : undefined;
    }, "InvalidMailAddressName.Duplicate"),
});

export const queryMailAddressByParam = defineAction({
  name: "QueryMailAddressByParam",
  params: (a: { keyWord?: string; sendtype?: Sendtype; pageNo?: number; pageSize?: number }) => ({
    KeyWord: a.keyWord || undefined,
    Sendtype: a.sendtype,
    PageNo: a.pageNo,
    PageSize: a.pageSize,
  }),
  read: (body) => toPage(body, "mailAddress", toMailAddressRecord),
});

/**
 * The codes by which DirectMail may say "this is the current password". Which
 * one it uses is UNCONFIRMED (docs/directmail-api.md), so each plausible one counts.
 */
const SAME_PASSWORD = ["InvalidPassword.equalcurrent", "InvalidDomainPassword.equalcurrent"];
/** The code for a password DirectMail refuses; it may also be how it refuses a repeated one. */
const PASSWORD_REFUSED = "InvalidPassword.Malformed";

/** A plain refusal of a password that breaks no documented rule: it can only be taken for a repeat. */
export function refusedAsRepeat(err: DirectMailServiceError, password: string): boolean {
  return err.code === PASSWORD_REFUSED && passwordProblems(password).length === 0;
}

/** What ModifyMailAddress did: set what it was sent, or found the password already set (and so did nothing). */
export type ModifyOutcome = "set" | "already-set";

/**
 * Refused as a repeat, the password is what the service already has: that
 * part is done (set by an attempt whose answer was lost, by hand, or on an
 * adopted address). After a lost answer every plausible wording of that
 * refusal counts, so a lost answer can never wedge a stack.
 */
export const modifyMailAddress = defineAction({
  name: "ModifyMailAddress",
  params: (a: { mailAddressId: string; password?: string; replyAddress?: string }) => ({
    MailAddressId: a.mailAddressId,
    Password: a.password,
    ReplyAddress: a.replyAddress,
  }),
  read: (): ModifyOutcome => "set",
  recovery: (a) => ({
    kind: "done-when-said",
    done: (err: DirectMailServiceError, answerLost: boolean): ModifyOutcome | undefined =>
      a.password !== undefined && (SAME_PASSWORD.includes(err.code) || (answerLost && refusedAsRepeat(err, a.password)))
        ? "already-set"
        : undefined,
  }),
  secretParams: ["Password"],
  goneCodes: ADDRESS_GONE,
});

export const deleteMailAddress = defineAction({
  name: "DeleteMailAddress",
  // Repeated after a lost answer: the repeat meets the action's own "no such id", which callers treat as deleted.
  params: (mailAddressId: string) => ({ MailAddressId: mailAddressId }),
  read: nothing,
  goneCodes: ADDRESS_GONE,
});

export const checkReplyToMailAddress = defineAction({
  name: "CheckReplyToMailAddress",
  params: (a: { mailAddressId: string; lang?: string; region: string }) => ({
    MailAddressId: a.mailAddressId,
    Lang: a.lang,
    Region: a.region,
  }),
  read: nothing,
  goneCodes: ADDRESS_GONE,
});

export const approveReplyMailAddress = defineAction({
  name: "ApproveReplyMailAddress",
  params: (ticket: string) => ({ Ticket: ticket }),
  read: nothing,
  secretParams: ["Ticket"],
});
