import { Pacer } from "../../client/resilience/pacer";
import { SharedListing } from "../../client/resilience/sharedListing";

const RULES = { Q: { limit: 2, windowMs: 100 } };

/**
 * Runs `body` on jest's fake clock (Date.now and the timers), for a test whose
 * assertion is about the order of timed events: on the real clock a loaded
 * machine stretches a 15 ms gap past a 30 ms quiet moment now and then.
 */
async function onFakeClock(body: () => Promise<void>): Promise<void> {
  jest.useFakeTimers();
  try {
    await body();
  } finally {
    jest.useRealTimers();
  }
}

describe("Pacer", () => {
  it("grants at most `limit` slots per window, counted from the answers", () =>
    onFakeClock(async () => {
      const pacer = new Pacer(RULES);
      const started = Date.now();
      const granted: number[] = [];
      const all = Promise.all(
        Array.from({ length: 6 }, async () => {
          const release = await pacer.acquire("acct", "Q");
          granted.push(Date.now() - started);
          release();
        }),
      );
      await jest.advanceTimersByTimeAsync(300);
      await all;
      // Two at once, then two more a window later, then two more a window after that.
      expect(granted).toEqual([0, 0, 100, 100, 200, 200]);
    }));

  it("holds a slot while the request is unanswered, however long that takes", async () => {
    const pacer = new Pacer(RULES);
    const first = await pacer.acquire("acct", "Q");
    await pacer.acquire("acct", "Q");
    let third = false;
    const waiting = pacer.acquire("acct", "Q").then((r) => {
      third = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 250));
    expect(third).toBe(false);
    first();
    // Answered just now: the slot is counted from here, so the third waits one more window.
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    await waiting;
    expect(third).toBe(true);
  });

  it("after a throttling answer, sends nothing more for a whole window", async () => {
    const pacer = new Pacer(RULES);
    pacer.holdOff("acct", "Q");
    const started = Date.now();
    (await pacer.acquire("acct", "Q"))();
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it("keeps budgets apart, and does not pace actions without a documented limit", async () => {
    // A long window: sharing a budget would show as seconds of waiting, not milliseconds.
    const pacer = new Pacer({ Q: { limit: 2, windowMs: 5_000 } });
    const started = Date.now();
    await Promise.all([pacer.acquire("a", "Q"), pacer.acquire("a", "Q"), pacer.acquire("b", "Q"), pacer.acquire("b", "Q")]);
    await Promise.all(Array.from({ length: 50 }, () => pacer.acquire("a", "Unlimited")));
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("SharedListing", () => {
  it("serves every look-up that asks before it is sent with one listing", async () => {
    let calls = 0;
    const listing = new SharedListing(async (sent) => {
      calls++;
      sent();
      return [calls];
    }, 10);
    const results = await Promise.all([listing.fetch(), listing.fetch(), listing.fetch()]);
    expect(calls).toBe(1);
    expect(results).toEqual([[1], [1], [1]]);
  });

  it("never hands a look-up a listing sent before it asked", async () => {
    let calls = 0;
    let answer: (v: number) => void = () => undefined;
    const listing = new SharedListing(async (sent) => {
      calls++;
      sent();
      return new Promise<number>((resolve) => (answer = resolve));
    }, 5);
    const first = listing.fetch();
    await new Promise((r) => setTimeout(r, 20));
    // The first listing is on the wire: a new look-up starts its own.
    const second = listing.fetch();
    answer(1);
    await new Promise((r) => setTimeout(r, 20));
    answer(2);
    expect([await first, await second, calls]).toEqual([1, 2, 2]);
  });

  it("gives a reader that allows it the last answer when it arrived recently enough, and only that reader", async () => {
    let calls = 0;
    const listing = new SharedListing(async (sent) => {
      calls++;
      sent();
      return calls;
    }, 1);
    expect(await listing.fetch()).toBe(1);
    // A refresh read just after the answer: no second listing.
    expect(await listing.fetch({ recentMs: 1_000 })).toBe(1);
    // A read-back after a write must see the write: it never takes an answer older than its question.
    expect(await listing.fetch()).toBe(2);
    await new Promise((r) => setTimeout(r, 30));
    // Too old for this reader.
    expect(await listing.fetch({ recentMs: 10 })).toBe(3);
    expect(calls).toBe(3);
  });

  it("sends as soon as every announced look-up has joined, not after the quiet moment", async () => {
    let calls = 0;
    const listing = new SharedListing(async (sent) => {
      calls++;
      sent();
      return calls;
    }, 5_000);
    const coming = [listing.announce(), listing.announce(), listing.announce()];
    const started = Date.now();
    const results: Array<Promise<number>> = [];
    for (const announced of coming) {
      await new Promise((r) => setTimeout(r, 20));
      results.push(listing.fetch({ announced }));
    }
    expect(await Promise.all(results)).toEqual([1, 1, 1]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("waits for an announced look-up still to come, and no longer once it says it will not", async () => {
    let calls = 0;
    const listing = new SharedListing(async (sent) => {
      calls++;
      sent();
      return calls;
    }, 5_000);
    const mine = listing.announce();
    const other = listing.announce();
    const result = listing.fetch({ announced: mine });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(0);
    other.arrived();
    expect(await result).toBe(1);
  });

  it("waits for announced look-ups that arrive further apart than the quiet moment (creates on a loaded machine), within its ceiling", () =>
    onFakeClock(async () => {
      let calls = 0;
      const listing = new SharedListing(
        async (sent) => {
          calls++;
          sent();
          return calls;
        },
        20,
        2_000,
      );
      const coming = [listing.announce(), listing.announce(), listing.announce()];
      const results: Array<Promise<number>> = [];
      for (const announced of coming) {
        results.push(listing.fetch({ announced }));
        await jest.advanceTimersByTimeAsync(60);
      }
      expect(await Promise.all(results)).toEqual([1, 1, 1]);
      // And an announced look-up that never comes holds the listing back as long as the ceiling, and no longer.
      const late = new SharedListing(async () => Date.now(), 20, 150);
      late.announce();
      const started = Date.now();
      const sent = late.fetch({ announced: late.announce() });
      await jest.advanceTimersByTimeAsync(1_000);
      expect((await sent) - started).toBe(150);
    }));

  it("lets a refresh reader join a listing already on the wire, and send at once", async () => {
    let calls = 0;
    let answer: (v: number) => void = () => undefined;
    const listing = new SharedListing(async (sent) => {
      calls++;
      sent();
      return new Promise<number>((resolve) => (answer = resolve));
    }, 5_000);
    const first = listing.fetch({ recentMs: 1_000 });
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(1);
    const second = listing.fetch({ recentMs: 1_000 });
    answer(7);
    expect([await first, await second, calls]).toEqual([7, 7, 1]);
  });

  it("starts afresh after a listing fails", async () => {
    let calls = 0;
    const listing = new SharedListing(async () => {
      calls++;
      if (calls === 1) throw new Error("refused");
      return calls;
    }, 1);
    await expect(listing.fetch()).rejects.toThrow("refused");
    await expect(listing.fetch()).resolves.toBe(2);
  });
});

describe("SharedListing gathering", () => {
  it("waits for a quiet moment, so look-ups that trickle in still share one listing", () =>
    onFakeClock(async () => {
      let calls = 0;
      const listing = new SharedListing(async (sent) => {
        calls++;
        sent();
        return calls;
      }, 30);
      const results: Array<Promise<number>> = [];
      for (let i = 0; i < 5; i++) {
        results.push(listing.fetch());
        await jest.advanceTimersByTimeAsync(15);
      }
      await jest.advanceTimersByTimeAsync(30);
      expect(await Promise.all(results)).toEqual([1, 1, 1, 1, 1]);
      // And one that comes after the quiet moment starts the next listing.
      expect(await listing.fetch({ recentMs: 1 })).toBe(2);
    }));

  it("does not wait past its cap, however many join", () =>
    onFakeClock(async () => {
      const listing = new SharedListing(async () => Date.now(), 30, 100);
      const started = Date.now();
      const first = listing.fetch();
      const joining = setInterval(() => void listing.fetch(), 10);
      await jest.advanceTimersByTimeAsync(400);
      clearInterval(joining);
      expect((await first) - started).toBe(100);
    }));
});

describe("Pacer hold-off for a per-minute limit", () => {
  it("is a second, not the whole minute", async () => {
    const pacer = new Pacer({ M: { limit: 300, windowMs: 60_000 } });
    pacer.holdOff("acct", "M");
    const started = Date.now();
    (await pacer.acquire("acct", "M"))();
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
