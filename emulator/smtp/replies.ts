import type { Dialect } from "../dialect";

/**
 * What the SMTP side answers when it refuses, in each dialect (`smtpCodes`).
 * DirectMail documents no SMTP replies; `alimail` is what Alibaba Mail's SMTP
 * servers are reported to answer (the same company's mail platform), `rfc` the
 * standard codes (RFC 5321, RFC 3463 enhanced codes, RFC 4954 for AUTH).
 */
export type Refusal =
  | "authFailed"
  | "notAllowed"
  | "fromMismatch"
  | "domainNotVerified"
  | "tooLarge"
  | "tooManyRecipients"
  | "badRecipient"
  | "rate"
  | "quota"
  | "malformed";

type Reply = readonly [code: number, text: string];

const REPLIES: Record<Dialect["smtpCodes"], Record<Refusal, Reply>> = {
  alimail: {
    authFailed: [526, "Authentication failure[0]"],
    notAllowed: [541, "This account isn't allowed to send email"],
    fromMismatch: [440, "mail from account doesn't conform with authentication"],
    domainNotVerified: [541, "This account isn't allowed to send email: its domain is not verified"],
    tooLarge: [510, "The length of DATA content is achieved the maximum threshold"],
    tooManyRecipients: [505, "the total of RCPTs is achieved the maximum threshold"],
    badRecipient: [553, '"RCPT TO" mailbox unavailable'],
    rate: [451, "Requested action aborted: too many messages in the last 180 seconds, try again later"],
    quota: [452, "The sending quota of this account is used up"],
    malformed: [554, "The message is malformed"],
  },
  rfc: {
    authFailed: [535, "5.7.8 Authentication credentials invalid"],
    notAllowed: [535, "5.7.8 This sender address is frozen"],
    fromMismatch: [553, "5.7.1 Sender address rejected: not owned by the authenticated user"],
    domainNotVerified: [550, "5.7.1 The sender's domain is not verified"],
    tooLarge: [552, "5.3.4 Message size exceeds fixed maximum message size"],
    tooManyRecipients: [452, "4.5.3 Too many recipients"],
    badRecipient: [553, "5.1.3 Bad recipient address syntax"],
    rate: [451, "4.7.1 Too many messages in the last 180 seconds, try again later"],
    quota: [452, "4.3.1 The sending quota of this account is used up"],
    malformed: [554, "5.6.0 The message is malformed"],
  },
};

/** An error smtp-server answers with its code. */
export class SmtpRefusal extends Error {
  readonly responseCode: number;
  constructor(
    readonly refusal: Refusal,
    dialect: Dialect["smtpCodes"],
    detail?: string,
  ) {
    const [code, text] = REPLIES[dialect][refusal];
    super(detail ? `${text} (${detail})` : text);
    this.responseCode = code;
  }
}
