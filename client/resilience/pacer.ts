import { setTimeout as sleep } from "node:timers/promises";
import { DOCUMENTED_RATE_LIMITS, RateLimit } from "../apiFacts";

/** Called when the answer to a paced request has arrived (or the request failed). */
export type Release = () => void;

/**
 * One action's budget for one account and region: at most `limit` requests in
 * any window. A request holds its slot from when it is sent until its answer
 * arrives, and the slot is counted from the answer: the service received the
 * request before then, so a window measured from there is never shorter than
 * the one the service measures. Waiters are served in order.
 */
class Window {
  private inFlight = 0;
  /** When the answers of the last requests arrived, oldest first. */
  private readonly answered: number[] = [];
  private holdUntil = 0;
  private turn: Promise<unknown> = Promise.resolve();
  private wake?: () => void;

  constructor(private readonly rule: RateLimit) {}

  acquire(): Promise<Release> {
    const mine = this.turn.then(() => this.take());
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /**
   * After a throttling answer (another process spends the same budget):
   * nothing more for a while. A whole window for per-second limits; for longer
   * windows, a second, since a minute's budget frees a slot every few hundred
   * milliseconds and a minute-long stall for one refusal helps no one.
   */
  holdOff(): void {
    const pause = Math.min(this.rule.windowMs, Math.max(1_000, this.rule.windowMs / this.rule.limit));
    this.holdUntil = Math.max(this.holdUntil, Date.now() + pause);
  }

  private async take(): Promise<Release> {
    for (;;) {
      const now = Date.now();
      while (this.answered.length > 0 && now - this.answered[0] >= this.rule.windowMs) this.answered.shift();
      if (now < this.holdUntil) {
        await sleep(this.holdUntil - now);
        continue;
      }
      if (this.inFlight + this.answered.length < this.rule.limit) break;
      // Wait for the oldest answer to leave the window, or for an in-flight request to be answered.
      const expiry = this.answered.length > 0 ? this.answered[0] + this.rule.windowMs - now : undefined;
      await new Promise<void>((resolve) => {
        const timer = expiry === undefined ? undefined : setTimeout(resolve, expiry);
        this.wake = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.answered.push(Date.now());
      this.wake?.();
    };
  }
}

/**
 * Keeps requests within DirectMail's documented per-action limits, so that a
 * normal `pulumi up` or `refresh` is not throttled. One budget per account,
 * endpoint, region and action, shared by every client in the process that
 * uses the same pacer (by default, the process's own).
 */
export class Pacer {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limits: Readonly<Record<string, RateLimit>> = DOCUMENTED_RATE_LIMITS) {}

  /** Waits for a slot; actions with no documented limit go at once. */
  async acquire(budget: string, action: string): Promise<Release> {
    const window = this.window(budget, action);
    return window ? window.acquire() : () => undefined;
  }

  holdOff(budget: string, action: string): void {
    this.window(budget, action)?.holdOff();
  }

  private window(budget: string, action: string): Window | undefined {
    const rule = this.limits[action];
    if (!rule) return undefined;
    const key = `${budget}\u0000${action}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new Window(rule);
      this.windows.set(key, window);
    }
    return window;
  }
}

/** The pacer every client in this process shares unless given another. */
export const PROCESS_PACER = new Pacer();
