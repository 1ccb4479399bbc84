import { setTimeout as sleep } from "node:timers/promises";

/**
 * One listing shared by every look-up that asks for it before it is sent: a
 * `pulumi refresh` of ten addresses reads them with one request instead of ten.
 * A look-up joins only a listing that has not been sent yet, so it never gets
 * an answer older than its own question (a read right after a write sees the write).
 */
export class SharedListing<T> {
  private gathering?: { readonly listing: Promise<T>; lastJoin: number };
  /** The last listing that succeeded, and when its answer arrived. */
  private latest?: { readonly value: T; readonly answeredAt: number };

  /**
   * @param list sends the listing; it calls `sent` just before the first request goes out.
   * @param quietMs a new listing is sent once no look-up has joined it for this long...
   * @param maxWaitMs ...or once it has waited this long, whichever comes first.
   */
  constructor(
    private readonly list: (sent: () => void) => Promise<T>,
    private readonly quietMs: number,
    private readonly maxWaitMs: number = 10 * quietMs,
  ) {}

  /**
   * @param recentMs a reader that needs no answer newer than its question (a
   * refresh) may take the last listing when its answer arrived at most this
   * long ago. Why it matters: the engine runs a few operations at a time (four
   * per core), so the reads after the first few start only once those have
   * returned, just after the listing's answer; without this each such wave
   * would send a listing of its own. Left out (0): only a listing not yet sent.
   */
  fetch(recentMs = 0): Promise<T> {
    if (recentMs > 0 && this.latest && Date.now() - this.latest.answeredAt <= recentMs) return Promise.resolve(this.latest.value);
    if (this.gathering) {
      this.gathering.lastJoin = Date.now();
      return this.gathering.listing;
    }
    const started = Date.now();
    const entry = { listing: undefined as unknown as Promise<T>, lastJoin: started };
    const closed = () => {
      if (this.gathering === entry) this.gathering = undefined;
    };
    entry.listing = (async () => {
      // Look-ups that come in a burst (the creates of one `pulumi up` finishing) share one listing.
      for (;;) {
        const wait = Math.min(entry.lastJoin + this.quietMs, started + this.maxWaitMs) - Date.now();
        if (wait <= 0) break;
        await sleep(wait);
      }
      const value = await this.list(closed);
      this.latest = { value, answeredAt: Date.now() };
      return value;
    })();
    this.gathering = entry;
    // A listing that fails before it is sent must not be joined any more either.
    entry.listing.then(closed, closed);
    return entry.listing;
  }
}
