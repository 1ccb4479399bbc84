/**
 * Per-action request limits, as DirectMail documents them per account
 * (api-dm-2015-11-23-quota). Actions missing from the quota page are not
 * limited (UNCONFIRMED there).
 */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  QueryMailAddressByParam: { limit: 5, windowMs: 1_000 },
  ApproveReplyMailAddress: { limit: 5, windowMs: 1_000 },
  DeleteMailAddress: { limit: 10, windowMs: 1_000 },
  ModifyMailAddress: { limit: 300, windowMs: 60_000 },
};

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
