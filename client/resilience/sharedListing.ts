import { setTimeout as sleep } from "node:timers/promises";

/**
 * One listing shared by every look-up that asks for it before it is sent: a
 * `pulumi refresh` of ten addresses reads them with one request instead of ten.
 * A look-up joins only a listing that has not been sent yet, so it never gets
 * an answer older than its own question (a read right after a write sees the write).
 */
export class SharedListing<T> {
  private gathering?: { readonly listing: Promise<T>; lastJoin: number };

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

  fetch(): Promise<T> {
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
      return this.list(closed);
    })();
    this.gathering = entry;
    // A listing that fails before it is sent must not be joined any more either.
    entry.listing.then(closed, closed);
    return entry.listing;
  }
}
