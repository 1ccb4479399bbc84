/**
 * The errors the client raises. Every one carries what a user needs to act
 * (what failed, why, what to do) and nothing secret: messages from the service
 * are redacted before they are stored here.
 */

import { ADDRESS_CODES } from "./actions/addressCodes";
import { DOMAIN_CODES } from "./actions/domainCodes";
import { NOTIFY_URL_CODES } from "./actions/notifyUrlCodes";
import { RECEIVER_CODES } from "./actions/receiverCodes";
import { TAG_CODES } from "./actions/tagCodes";
import { SENDING_CODES } from "./actions/sendingCodes";
import type { CodeInfo, ErrorKind, RequestContext } from "./codeInfo";
import { GATEWAY_CODES } from "./rpc/gatewayCodes";

export type { ErrorKind, RequestContext } from "./codeInfo";

/** Which credentials a request was signed with: the key id (never the secret) and where it came from. */
export interface CredentialUse {
  readonly accessKeyId: string;
  readonly source: string;
}

/**
 * The DirectMail and gateway error catalogue, as far as the public sources go
 * (docs/directmail-api.md), combined from each area's table
 * (`actions/<area>Codes.ts`, `rpc/gatewayCodes.ts`). Codes not listed fall back
 * on the HTTP status. A Map, so that a code the service sends (`constructor`,
 * `__proto__`) can never be read from Object.prototype.
 */
const CATALOGUE: ReadonlyMap<string, CodeInfo> = new Map(
  Object.entries({
    ...GATEWAY_CODES,
    ...ADDRESS_CODES,
    ...NOTIFY_URL_CODES,
    ...DOMAIN_CODES,
    ...TAG_CODES,
    ...RECEIVER_CODES,
    ...SENDING_CODES,
  }),
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
    /** The credentials the request was signed with, named in an authentication failure's message. */
    readonly credential?: CredentialUse,
  ) {
    const info = CATALOGUE.get(code);
    const hint = info ? info.hint(context) : serviceMessage;
    const kind = kindFor(code, httpStatus);
    super(
      `DirectMail ${action} failed: ${hint}` +
        (kind === "auth" && credential ? ` (access key id ${credential.accessKeyId}, from ${credential.source})` : "") +
        ` [${code}, HTTP ${httpStatus}${requestId ? `, RequestId ${requestId}` : ""}${endpoint ? `, from ${endpoint}` : ""}]` +
        (info && serviceMessage && !info.omitServiceMessage ? `. The service said: ${serviceMessage}` : ""),
    );
    this.kind = kind;
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

/**
 * A credential source failed: a file that cannot be read, a profile that
 * cannot work, STS or the metadata service refusing. The message always names
 * the source (and the service's code when one answered), never a secret.
 */
export class CredentialsError extends DirectMailClientError {
  constructor(
    /** The source, as messages name it: `profile "ci" in /home/me/.aliyun/config.json`, `directmail:assumeRole`, ... */
    readonly source: string,
    problem: string,
    /** The code STS, the metadata service or the credentials URI answered with, if one did. */
    readonly code?: string,
    /**
     * A passing refusal (throttled, a 5xx, no answer): the client's retry loop
     * asks again, under its attempt limit, deadline and budget. Nothing was sent
     * to DirectMail, so a retry is never ambiguous.
     */
    readonly retryable = false,
  ) {
    super(`credentials from ${source}: ${problem}`);
  }
}
