/**
 * Facts about the DirectMail API that the client and the emulator both use.
 * Facts only: how to sign, validate or answer stays apart on each side, so
 * that a misunderstanding of the API cannot sit on both sides of the wire
 * (docs/architecture.md).
 */

export const API_VERSION = "2015-11-23";

/** The regions DirectMail's API is offered in (api-dm-2015-11-23-endpoint). */
export const REGIONS = ["cn-hangzhou", "ap-southeast-1", "ap-southeast-2", "us-east-1", "eu-central-1"] as const;
export type Region = (typeof REGIONS)[number];

export const SENDTYPES = ["batch", "trigger"] as const;
export type Sendtype = (typeof SENDTYPES)[number];

/** A documented request limit: at most `limit` calls in any `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The per-account limits DirectMail documents (api-dm-2015-11-23-quota). The
 * other actions' limits are not documented (UNCONFIRMED): the client does not
 * pace them, and the emulator does not limit them.
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  QueryMailAddressByParam: { limit: 5, windowMs: 1_000 },
  ApproveReplyMailAddress: { limit: 5, windowMs: 1_000 },
  DeleteMailAddress: { limit: 10, windowMs: 1_000 },
  ModifyMailAddress: { limit: 300, windowMs: 60_000 },
  CheckDomain: { limit: 10, windowMs: 60_000 },
  CreateReceiver: { limit: 10, windowMs: 60_000 },
  QueryReceiverDetail: { limit: 2, windowMs: 1_000 },
  DeleteReceiverDetail: { limit: 20, windowMs: 1_000 },
  // Mail tags: only CreateTag's is documented (ModifyTag, DeleteTag and QueryTagByParam are not).
  CreateTag: { limit: 30, windowMs: 10_000 },
  SingleSendMail: { limit: 100, windowMs: 1_000 },
};

/** SMTP submission to smtpdm.aliyun.com: at most 5,000 messages per 180 s per account (DirectMail's limits page). */
export const SMTP_RATE_LIMIT: RateLimit = { limit: 5_000, windowMs: 180_000 };
