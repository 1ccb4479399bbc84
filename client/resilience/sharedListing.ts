/** A look-up that will come: the listing waits for it (within its window), and `arrived` says it has joined or will not. */
export interface Announcement {
  arrived(): void;
}

export interface FetchOptions {
  /**
   * For a reader that needs no answer newer than its question (a refresh): it
   * may take the last listing when its answer arrived at most this long ago, or
   * join one already on the wire, and it sends its own at once rather than
   * gathering. Why: the engine runs a few operations at a time (four per core),
   * so the reads after the first few start only once those have returned, just
   * after the listing's answer; each wave would otherwise send a listing of its own.
   */
  readonly recentMs?: number;
  /** The announcement this look-up fulfils. */
  readonly announced?: Announcement;
}

interface Gathering<T> {
  listing: Promise<T>;
  lastJoin: number;
  sent: boolean;
  /** Wakes the wait when the last announced look-up has arrived. */
  wake?: () => void;
}

/**
 * One listing shared by every look-up that asks for it before it is sent: a
 * `pulumi refresh` of ten addresses reads them with one request instead of ten.
 * A look-up joins only a listing that has not been sent yet, so it never gets
 * an answer older than its own question (a read right after a write sees the
 * write); only a reader that says so (`recentMs`) takes a slightly older one.
 * A listing is sent once every announced look-up has joined (when some were
 * announced), else after a quiet moment.
 */
export class SharedListing<T> {
  private gathering?: Gathering<T>;
  /** The last listing that succeeded, and when its answer arrived. */
  private latest?: { readonly value: T; readonly answeredAt: number };
  /** Look-ups announced and not yet arrived. */
  private pending = 0;

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
   * Says a look-up is coming (a create's read-back, once the create is done),
   * so that a listing gathering now waits for it instead of for a quiet moment.
   * `arrived` must be called when it joins or will not (idempotent).
   */
  announce(): Announcement {
    this.pending++;
    let done = false;
    return {
      arrived: () => {
        if (done) return;
        done = true;
        this.pending--;
        if (this.pending === 0) this.gathering?.wake?.();
      },
    };
  }

  fetch(options: FetchOptions = {}): Promise<T> {
    const { recentMs = 0, announced } = options;
    try {
      if (recentMs > 0) {
        if (this.latest && Date.now() - this.latest.answeredAt <= recentMs) return Promise.resolve(this.latest.value);
        // On the wire already: its answer comes after this question.
        if (this.gathering?.sent) return this.gathering.listing;
      }
      if (this.gathering && !this.gathering.sent) {
        this.gathering.lastJoin = Date.now();
        return this.gathering.listing;
      }
      return this.start(recentMs > 0);
    } finally {
      announced?.arrived();
    }
  }

  private start(atOnce: boolean): Promise<T> {
    const started = Date.now();
    const entry: Gathering<T> = { listing: undefined as unknown as Promise<T>, lastJoin: started, sent: false };
    entry.listing = (async () => {
      // Look-ups that come in a burst (the creates of one `pulumi up` finishing) share one listing:
      // it waits while announced look-ups are still to come, within a quiet moment and a ceiling.
      // Without announcements it is the quiet moment alone, as for look-ups that come unannounced.
      // While announced look-ups are still to come it waits for them (within the ceiling), not for a quiet
      // moment: on a loaded machine the creates of one engine wave finish further apart than that moment,
      // and each straggler would otherwise need a listing of its own.
      let announced = false;
      while (!atOnce) {
        announced ||= this.pending > 0;
        const until = this.pending > 0 ? started + this.maxWaitMs : Math.min(entry.lastJoin + this.quietMs, started + this.maxWaitMs);
        const wait = until - Date.now();
        if (wait <= 0 || (announced && this.pending === 0)) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          entry.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        entry.wake = undefined;
      }
      const value = await this.list(() => {
        entry.sent = true;
      });
      this.latest = { value, answeredAt: Date.now() };
      return value;
    })();
    this.gathering = entry;
    const finished = () => {
      entry.sent = true;
      if (this.gathering === entry) this.gathering = undefined;
    };
    // A listing that fails before it is sent must not be joined any more either.
    entry.listing.then(finished, finished);
    return entry.listing;
  }
}
