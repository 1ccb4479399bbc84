import { setTimeout as sleep } from "node:timers/promises";

/**
 * The retries a whole process may send: a bucket of `capacity` tokens,
 * refilled at `refillPerSecond`. Every retry (not first attempts) takes one.
 * Ten resources each retrying eight times into a throttling storm would
 * otherwise send eighty extra requests at the service that is refusing them;
 * with the budget, a burst of retries is allowed and the rest are spread out.
 * A retry that cannot get a token before its deadline is not sent.
 */
export class RetryBudget {
  private tokens: number;
  private updated: number;

  constructor(
    readonly capacity = 40,
    readonly refillPerSecond = 4,
  ) {
    this.tokens = capacity;
    this.updated = Date.now();
  }

  /**
   * Takes a token, waiting up to `maxWaitMs` for one. False (nothing taken)
   * when none would come in time. Tokens are reserved in the order asked, so
   * waiters are served in turn.
   */
  async take(maxWaitMs: number): Promise<boolean> {
    this.refill();
    const waitMs = this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.refillPerSecond) * 1000);
    if (waitMs > maxWaitMs) return false;
    this.tokens -= 1;
    if (waitMs > 0) await sleep(waitMs);
    return true;
  }

  /** Tokens available now (negative while waiters hold reservations). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updated) / 1000) * this.refillPerSecond);
    this.updated = now;
  }
}

/** The budget every client in the process shares unless given its own. */
export const PROCESS_RETRY_BUDGET = new RetryBudget();
