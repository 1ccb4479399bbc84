/** What a service code means: its kind and the hint the user reads, per API area. */

/** How the provider should treat a failure. */
export type ErrorKind =
  | "throttled" // the service refused to do the work now; safe to repeat
  | "unavailable" // 503: not processed; safe to repeat
  | "server" // 5xx: may or may not have been processed
  | "transport" // no answer; may or may not have been processed
  | "not-found" // the address, domain or user does not exist
  | "conflict" // the address exists already
  | "quota" // an account limit was reached
  | "auth" // credentials, signature, permission
  | "invalid-input" // the request itself is wrong
  | "local-state"; // the emulator could not use its state file (locked, unreadable, unwritable): not done, and a retry would meet the same cause

/** Request parameters that are safe to show the user (never Password). */
export type RequestContext = Readonly<Record<string, string | undefined>>;

export interface CodeInfo {
  readonly kind: ErrorKind;
  /** What the user should understand or do, in terms of their own inputs. */
  readonly hint: (ctx: RequestContext) => string;
  /** The service's own message adds nothing a user can act on (SignatureDoesNotMatch: the whole string to sign). */
  readonly omitServiceMessage?: true;
}

export const address = (ctx: RequestContext): string => ctx.AccountName ?? ctx.MailFrom ?? `id ${ctx.MailAddressId ?? "?"}`;
export const domainOf = (ctx: RequestContext): string => (ctx.AccountName ?? ctx.MailFrom ?? "").split("@")[1] ?? "?";
export const region = (ctx: RequestContext): string => ctx.RegionId ?? "the configured region";

/** An area's service codes: what each means for the provider, and the hint a user reads. */
export type CodeTable = Readonly<Record<string, CodeInfo>>;
