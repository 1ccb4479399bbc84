import { setTimeout as sleep } from "node:timers/promises";
import { DirectMailClientError, DirectMailRetriesExhaustedError, isAmbiguous } from "./errors";

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

export interface RetryOptions {
  readonly action: string;
  readonly policy: RetryPolicy;
  /**
   * Whether repeating the request is harmless even if an earlier attempt took
   * effect. When false, only failures that certainly did not take effect
   * (throttling, 503, connection refused) are retried; an ambiguous failure is
   * thrown so that the caller can find out what happened.
   */
  readonly repeatable: boolean;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the attempts or the
 * deadline run out. Each attempt is told how much of the deadline is left, so
 * that no single attempt can run past it.
 */
export async function withRetries<T>(options: RetryOptions, attempt: (n: number, remainingMs: number) => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n, Math.max(1, options.policy.deadlineMs - (Date.now() - started)));
    } catch (err) {
      if (!(err instanceof DirectMailClientError) || !("retryable" in err) || !err.retryable) {
        throw err;
      }
      if (!options.repeatable && isAmbiguous(err)) {
        throw err;
      }
      const delay = backoffDelay(options.policy, n);
      const outOfTime = Date.now() - started + delay > options.policy.deadlineMs;
      if (n >= options.policy.maxAttempts || outOfTime) {
        throw new DirectMailRetriesExhaustedError(options.action, n, n >= options.policy.maxAttempts ? "attempts" : "deadline", err);
      }
      await sleep(delay);
    }
  }
}
