/**
 * The errors the client raises. Every one carries what a user needs to act
 * (what failed, why, what to do) and nothing secret: messages from the service
 * are redacted before they are stored here.
 */

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
  | "invalid-input"; // the request itself is wrong

/** Request parameters that are safe to show the user (never Password). */
export type RequestContext = Readonly<Record<string, string | undefined>>;

interface CodeInfo {
  readonly kind: ErrorKind;
  /** What the user should understand or do, in terms of their own inputs. */
  readonly hint: (ctx: RequestContext) => string;
}

const address = (ctx: RequestContext): string => ctx.AccountName ?? ctx.MailFrom ?? `id ${ctx.MailAddressId ?? "?"}`;
const domainOf = (ctx: RequestContext): string => (ctx.AccountName ?? ctx.MailFrom ?? "").split("@")[1] ?? "?";
const region = (ctx: RequestContext): string => ctx.RegionId ?? "the configured region";

/**
 * The DirectMail and gateway error catalogue, as far as the public sources go
 * (docs/directmail-api.md). Codes not listed fall back on the HTTP
 * status. A Map, so that a code the service sends (`constructor`,
 * `__proto__`) can never be read from Object.prototype.
 */
const CATALOGUE: ReadonlyMap<string, CodeInfo> = new Map(
  Object.entries({
    "InvalidMailAddressName.Malformed": {
      kind: "invalid-input",
      hint: (c) => `accountName "${address(c)}" is not a valid sender address (expected local@domain, at most 192 characters)`,
    },
    EmailFormatError: { kind: "invalid-input", hint: (c) => `"${address(c)}" is not a valid email address` },
    EmailLengthError: { kind: "invalid-input", hint: (c) => `"${address(c)}" is longer than 192 characters` },
    "InvalidMailAddressNumber.Malformed": {
      kind: "quota",
      hint: () => "the account already has the maximum number of sender addresses (10); delete one or adopt an existing one",
    },
    "InvalidMailAddressDomain.Malformed": {
      kind: "invalid-input",
      hint: (c) =>
        `the domain "${domainOf(c)}" of "${address(c)}" is not configured in DirectMail in ${region(c)}; add and verify it in the DirectMail console first`,
    },
    "InvalidMailAddressDomainStatus.Malformed": {
      kind: "invalid-input",
      hint: (c) => `the domain "${domainOf(c)}" exists in ${region(c)} but is not verified yet; finish its DNS verification first`,
    },
    "InvalidMailAddressName.Duplicate": {
      kind: "conflict",
      hint: (c) => `the sender address "${address(c)}" already exists in ${region(c)}; set adopt: true to take it over`,
    },
    "InvalidUser.NotFound": {
      kind: "auth",
      hint: () => "the account has no DirectMail service; activate DirectMail for the account (or ask the main account to)",
    },
    "InvalidMailAddressSendType.Malformed": { kind: "invalid-input", hint: () => `sendtype must be "batch" or "trigger"` },
    "InvalidMailAddressStatus.Malformed": {
      kind: "invalid-input",
      hint: (c) => `the sender address ${address(c)} is frozen; it cannot be changed until DirectMail unfreezes it`,
    },
    "InvalidMailAddress.NotFound": { kind: "not-found", hint: (c) => `the sender address ${address(c)} does not exist` },
    "InvalidMailAddressId.Malformed": { kind: "not-found", hint: (c) => `no sender address has id ${c.MailAddressId ?? "?"}` },
    "InvalidPassword.Malformed": {
      kind: "invalid-input",
      // The service may use this code for a repeated password too (UNCONFIRMED): name the possibilities, claim none.
      hint: () =>
        "the SMTP password was refused: it breaks a rule (10-20 characters, at least 2 digits, 2 upper-case and 2 lower-case letters, " +
        "not one repeated character), or it is the current or the previous password",
    },
    "InvalidDomainPassword.equalcurrent": {
      kind: "invalid-input",
      hint: () => "the new SMTP password must differ from the current one",
    },
    "InvalidPassword.equalcurrent": {
      kind: "invalid-input",
      hint: () => "the new SMTP password must differ from the current one",
    },
    "InvalidReplyAddress.Malformed": {
      kind: "invalid-input",
      hint: (c) => `replyAddress "${c.ReplyAddress ?? ""}" is not a valid email address`,
    },
    "InvalidReplyAddress.NotSet": { kind: "invalid-input", hint: (c) => `the sender address ${address(c)} has no reply address to verify` },
    "InvalidTicket.NotFound": {
      kind: "not-found",
      hint: () => "the verification ticket is unknown or has expired (tickets last 10 minutes)",
    },
    "InvalidNotifyUrl.Malformed": {
      kind: "invalid-input",
      // The URL is not repeated: webhook URLs often carry tokens.
      hint: () => "notifyUrl was rejected; it must be an http(s) URL that DirectMail can reach",
    },
    "InvalidMailAddressDeleteLimit.Exceeded": {
      kind: "quota",
      hint: () => "the account has used its monthly quota of sender-address deletions (10); wait for next month",
    },
    "InvalidDomainName.Malformed": {
      kind: "invalid-input",
      hint: (c) => `domainName "${c.DomainName ?? ""}" is not a valid domain name (1-50 letters, digits, dots and hyphens)`,
    },
    "InvalidDomainName.Duplicate": {
      kind: "conflict",
      hint: (c) => `the domain "${c.DomainName ?? ""}" already exists in ${region(c)}; set adopt: true to take it over`,
    },
    "InvalidDomainName.Conflict": {
      kind: "conflict",
      hint: (c) => `the domain "${c.DomainName ?? ""}" (or its root domain) is used by another Alibaba Cloud account`,
    },
    "InvalidDomainName.DuplicateTLD": { kind: "conflict", hint: () => "the root domain of this domain is already configured" },
    "InvalidDomainNumber.Malformed": {
      kind: "quota",
      hint: () =>
        "the account already has the maximum number of sending domains (5 by DirectMail's FAQ); delete one or adopt an existing one",
    },
    "InvalidDomainId.NotFound": { kind: "not-found", hint: (c) => `no domain has id ${c.DomainId ?? "?"}` },
    "InvalidDomainId.Malformed": { kind: "not-found", hint: (c) => `no domain has id ${c.DomainId ?? "?"}` },
    "InvalidDomain.NotFound": { kind: "not-found", hint: (c) => `no domain has id ${c.DomainId ?? "?"}` },
    "CheckDomain.Failed": { kind: "server", hint: () => "the service could not run the domain's DNS check; it is tried again" },
    // The code for "still has sender addresses" is not documented: these are the plausible ones (docs/directmail-api.md).
    "InvalidDomain.HasMailAddress": { kind: "conflict", hint: () => "the domain still has sender addresses; delete them first" },
    "OperationDenied.DomainInUse": { kind: "conflict", hint: () => "the domain still has sender addresses; delete them first" },
    Forbidden: { kind: "auth", hint: () => "the credentials have no permission on this sender address" },
    "Forbidden.RAM": { kind: "auth", hint: () => "the RAM user or role lacks a DirectMail (dm:*) permission" },
    NoPermission: { kind: "auth", hint: () => "the RAM user or role lacks a DirectMail (dm:*) permission" },
    "InvalidAccessKeyId.NotFound": {
      kind: "auth",
      hint: () => "the access key id is unknown to the service; check directmail:accessKeyId or ALIBABA_CLOUD_ACCESS_KEY_ID",
    },
    "InvalidAccessKeyId.Inactive": { kind: "auth", hint: () => "the access key is disabled; enable it or use another" },
    SignatureDoesNotMatch: {
      kind: "auth",
      hint: () => "the request signature was rejected; the access key secret does not belong to the access key id",
    },
    IncompleteSignature: { kind: "auth", hint: () => "the request signature was incomplete" },
    SignatureNonceUsed: { kind: "auth", hint: () => "a signature nonce was reused" },
    "InvalidTimeStamp.Expired": {
      kind: "auth",
      hint: () => "the request timestamp is outside the allowed window; check this machine's clock",
    },
    "InvalidSecurityToken.Expired": { kind: "auth", hint: () => "the STS security token has expired; fetch a new one" },
    "InvalidAction.NotFound": {
      kind: "invalid-input",
      hint: (c) => `the service does not offer the action ${c.Action ?? "?"} (DirectMail marks some actions as "not available now")`,
    },
    "InvalidApi.NotFound": {
      kind: "invalid-input",
      hint: (c) => `the service does not offer the action ${c.Action ?? "?"} (DirectMail marks some actions as "not available now")`,
    },
    Throttling: { kind: "throttled", hint: () => "the request was throttled" },
    "Throttling.User": { kind: "throttled", hint: () => "the request was throttled (user flow control)" },
    "Throttling.Api": { kind: "throttled", hint: () => "the request was throttled (API flow control)" },
    ServiceUnavailable: { kind: "unavailable", hint: () => "the service is temporarily unavailable" },
    InternalError: { kind: "server", hint: () => "the service failed with an internal error" },
  } satisfies Record<string, CodeInfo>),
);

function kindFor(code: string, httpStatus: number): ErrorKind {
  const known = CATALOGUE.get(code);
  if (known) {
    return known.kind;
  }
  if (code.startsWith("Throttling")) return "throttled";
  if (httpStatus === 503) return "unavailable";
  if (httpStatus >= 500) return "server";
  if (httpStatus === 404 || code.endsWith(".NotFound")) return "not-found";
  if (httpStatus === 401 || httpStatus === 403) return "auth";
  return "invalid-input";
}

/** Base class so callers can catch everything this package throws in one place. */
export class DirectMailClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The service answered with an error body. */
export class DirectMailServiceError extends DirectMailClientError {
  readonly kind: ErrorKind;
  readonly hint: string;
  /** The action's own answer that its object does not exist. */
  readonly gone: boolean;

  constructor(
    readonly action: string,
    readonly code: string,
    readonly httpStatus: number,
    readonly serviceMessage: string,
    readonly requestId: string | undefined,
    readonly recommend: string | undefined,
    context: RequestContext,
    /** Where the answer came from: an origin, never with credentials in it. */
    readonly endpoint?: string,
    /** The codes by which the action declares "no such object" (client/actions/). */
    goneCodes: readonly string[] = [],
  ) {
    const info = CATALOGUE.get(code);
    const hint = info ? info.hint(context) : serviceMessage;
    super(
      `DirectMail ${action} failed: ${hint} [${code}, HTTP ${httpStatus}` +
        `${requestId ? `, RequestId ${requestId}` : ""}]` +
        (endpoint ? ` from ${endpoint}` : "") +
        (info && serviceMessage ? `. The service said: ${serviceMessage}` : ""),
    );
    this.kind = kindFor(code, httpStatus);
    this.hint = hint;
    this.gone = goneCodes.includes(code);
  }

  get retryable(): boolean {
    return this.kind === "throttled" || this.kind === "unavailable" || this.kind === "server";
  }

  /** True when the request may have taken effect although it failed. */
  get ambiguous(): boolean {
    return this.kind === "server";
  }
}

/** No usable answer arrived: refused, reset, timed out. */
export class DirectMailTransportError extends DirectMailClientError {
  readonly kind: ErrorKind = "transport";
  readonly retryable = true;

  constructor(
    readonly action: string,
    readonly reason: string,
    /** False only when the request certainly never reached the service (for example, connection refused). */
    readonly ambiguous: boolean,
  ) {
    super(`DirectMail ${action} failed: no answer from the service (${reason})`);
  }
}

/**
 * The answer was larger than the client reads (DirectMail's answers are a few
 * kilobytes): reading stopped at the limit. Not transient, so not retried; the
 * request reached the service, so whether it took effect is not known.
 */
export class DirectMailAnswerTooLargeError extends DirectMailClientError {
  readonly kind: ErrorKind = "server";
  readonly retryable = false;
  readonly ambiguous = true;

  constructor(
    readonly action: string,
    readonly limitBytes: number,
    /** Where the answer came from: an origin, never with credentials in it. */
    readonly endpoint: string,
  ) {
    super(
      `DirectMail ${action} failed: the answer from ${endpoint} was larger than ${limitBytes / (1024 * 1024)} MiB, the most the client reads ` +
        `(DirectMail's answers are a few kilobytes), so it was not read; check that the endpoint is DirectMail's. ` +
        `It was not retried, and whether the request took effect is not known.`,
    );
  }
}

/** Why retrying stopped. */
export type GiveUpReason = "attempts" | "deadline" | "budget";

const GIVE_UP_REASONS: Readonly<Record<GiveUpReason, string>> = {
  attempts: "the attempt limit",
  deadline: "the retry deadline",
  budget: "the process's retry budget: too many failures at once",
};

/** Retrying stopped: the attempts ran out, the next wait would pass the retry deadline, or the process's retry budget had no token in time. */
export class DirectMailRetriesExhaustedError extends DirectMailClientError {
  constructor(
    readonly action: string,
    readonly attempts: number,
    readonly reason: GiveUpReason,
    readonly lastError: DirectMailClientError,
  ) {
    super(`DirectMail ${action} gave up after ${attempts} attempts ` + `(${GIVE_UP_REASONS[reason]}): ${lastError.message}`);
  }

  get ambiguous(): boolean {
    return isAmbiguous(this.lastError);
  }
}

/**
 * An answer was lost, and the look-up that would tell whether the work was
 * done failed as well: nobody knows. Said plainly, so that nobody creates a
 * second one or forgets the first.
 */
export class DirectMailUnknownOutcomeError extends DirectMailClientError {
  readonly ambiguous = true;

  constructor(
    readonly action: string,
    readonly lastError: DirectMailClientError,
    readonly lookUpError: Error,
  ) {
    super(
      `DirectMail ${action}: it is not known whether the request took effect. Its answer was lost (${lastError.message}), ` +
        `and looking for its result failed too (${lookUpError.message}). If the object now exists, this run made it.`,
    );
  }
}

/** DirectMail refused a password that keeps every documented rule: it takes it for the current or the previous one. */
export class PasswordRefusedError extends DirectMailClientError {
  constructor(
    readonly mailAddressId: string,
    override readonly cause: DirectMailServiceError,
  ) {
    super(
      `DirectMail refused the new SMTP password of sender address ${mailAddressId}. It keeps every documented password rule, ` +
        `so the service takes it for the current or the previous password; set a different one. (${cause.message})`,
    );
  }
}

export class CredentialsNotFoundError extends DirectMailClientError {}
export class EndpointError extends DirectMailClientError {}

export function isServiceError(err: unknown, ...codes: string[]): err is DirectMailServiceError {
  return err instanceof DirectMailServiceError && (codes.length === 0 || codes.includes(err.code));
}

/**
 * True when the action's own declared answer says its object does not exist
 * (client/actions/: each action lists its codes). Only these mean "already
 * gone" or "deleted outside Pulumi": a 404 from a gateway (a wrong endpoint,
 * an unknown product or action) says nothing about the object.
 */
export function isGone(err: unknown): boolean {
  return err instanceof DirectMailServiceError && err.gone;
}

/** True when a failed mutating request may still have been carried out by the service. */
export function isAmbiguous(err: unknown): boolean {
  if (err instanceof DirectMailRetriesExhaustedError) return err.ambiguous;
  if (err instanceof DirectMailUnknownOutcomeError) return true;
  if (err instanceof DirectMailAnswerTooLargeError) return true;
  return (err instanceof DirectMailServiceError || err instanceof DirectMailTransportError) && err.ambiguous;
}
