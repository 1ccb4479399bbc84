import type { RateLimit } from "../../client/apiFacts";

/**
 * The emulator enforces the documented per-action limits (a fact shared with
 * the client: client/apiFacts.ts) with its own counter.
 */
export { DOCUMENTED_RATE_LIMITS } from "../../client/apiFacts";
export type { RateLimit } from "../../client/apiFacts";

/** A sliding-window counter per action. */
export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly limits: Readonly<Record<string, RateLimit>>) {}

  /** False when this call would exceed the action's limit; the call is then not counted. */
  allow(action: string, now: number): boolean {
    const rule = this.limits[action];
    if (!rule) return true;
    const recent = (this.calls.get(action) ?? []).filter((t) => now - t < rule.windowMs);
    if (recent.length >= rule.limit) {
      this.calls.set(action, recent);
      return false;
    }
    recent.push(now);
    this.calls.set(action, recent);
    return true;
  }
}
