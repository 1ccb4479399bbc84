import { setTimeout as sleep } from "node:timers/promises";
import {
  DirectMailClientError,
  DirectMailRetriesExhaustedError,
  DirectMailServiceError,
  DirectMailUnknownOutcomeError,
  GiveUpReason,
  isAmbiguous,
} from "../errors";
import { RetryBudget } from "./retryBudget";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Give up once this much time has passed since the first attempt. */
  readonly deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  deadlineMs: 120_000,
};

/** "Full jitter" backoff: spreads retries from the many resources one `pulumi up` runs in parallel. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How an action recovers from an attempt whose answer was lost (a 5xx, a cut
 * connection, a time-out: the service may or may not have done the work).
 * Declared once per action, in the client; the retry loop is the only loop.
 */
export type LostAnswerRecovery<T> =
  /** Repeating it is harmless: reads, and writes whose repeat changes nothing. */
  | { readonly kind: "repeat" }
  /**
   * Not to be repeated blindly: first look for what the lost attempt made, and
   * repeat only when nothing is found. A refusal of the repeat that `conflict`
   * recognises ("already exists") sends it looking again, and so does giving up.
   */
  | {
      readonly kind: "look-up";
      readonly find: () => Promise<T | undefined>;
      readonly conflict: (err: DirectMailServiceError) => boolean;
    }
  /**
   * Repeated; the service refuses a repeat, and `done` recognises the refusals
   * that mean the work is already done. `answerLost` says whether an earlier
   * attempt may have done it, for refusals that mean "done" only then.
   */
  | {
      readonly kind: "done-when-said";
      readonly done: (err: DirectMailServiceError, answerLost: boolean) => T | undefined;
    }
  /** Nothing can tell: the ambiguous failure goes to the caller. */
  | { readonly kind: "report" };

export const REPEAT: LostAnswerRecovery<never> = { kind: "repeat" };

export interface RetryOptions<T> {
  readonly action: string;
  readonly policy: RetryPolicy;
  readonly recovery: LostAnswerRecovery<T>;
  /** Retries spent by the whole process; a retry beyond it waits for a token, within the deadline. */
  readonly budget?: RetryBudget;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the attempts, the
 * deadline or the process's retry budget run out. Each attempt is told how much
 * of the deadline is left, so that no single attempt can run past it.
 */
export async function withRetries<T>(options: RetryOptions<T>, attempt: (n: number, remainingMs: number) => Promise<T>): Promise<T> {
  const { recovery, policy } = options;
  const started = Date.now();
  const remaining = () => policy.deadlineMs - (Date.now() - started);
  let answerLost = false;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n, Math.max(1, remaining()));
    } catch (err) {
      if (!(err instanceof DirectMailClientError)) throw err;
      if (err instanceof DirectMailServiceError) {
        const recovered = await recognise(recovery, err, answerLost);
        if (recovered !== undefined) return recovered;
      }
      if (!("retryable" in err) || !err.retryable) throw err;
      if (isAmbiguous(err)) {
        if (recovery.kind === "report") throw err;
        answerLost = true;
        if (recovery.kind === "look-up") {
          // A failed look-up tells nothing; the repeat that follows meets "already exists" if the work was done.
          const found = await recovery.find().catch(() => undefined);
          if (found !== undefined) return found;
        }
      }
      const delay = backoffDelay(policy, n);
      let reason: GiveUpReason | undefined;
      if (n >= policy.maxAttempts) reason = "attempts";
      else if (delay > remaining()) reason = "deadline";
      else if (options.budget && !(await options.budget.take(remaining() - delay))) reason = "budget";
      if (reason) {
        // An attempt whose answer was lost may have done the work: never give up on something that exists.
        const exhausted = new DirectMailRetriesExhaustedError(options.action, n, reason, err);
        if (answerLost && recovery.kind === "look-up") {
          const found = await recovery.find().catch((lookUp: unknown) => {
            throw new DirectMailUnknownOutcomeError(
              options.action,
              exhausted,
              lookUp instanceof Error ? lookUp : new Error(String(lookUp)),
            );
          });
          if (found !== undefined) return found;
        }
        throw exhausted;
      }
      await sleep(delay);
    }
  }
}

async function recognise<T>(recovery: LostAnswerRecovery<T>, err: DirectMailServiceError, answerLost: boolean): Promise<T | undefined> {
  if (recovery.kind === "done-when-said") return recovery.done(err, answerLost);
  if (recovery.kind === "look-up" && answerLost && recovery.conflict(err)) return recovery.find();
  return undefined;
}
