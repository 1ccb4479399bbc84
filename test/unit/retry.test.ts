import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  DirectMailRetriesExhaustedError,
  DirectMailServiceError,
  DirectMailTransportError,
  REPEAT,
  RetryBudget,
  withRetries,
} from "../../client";

const policy = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 4, deadlineMs: 10_000 };
const throttled = () => new DirectMailServiceError("X", "Throttling.User", 400, "flow control", "R", undefined, {});
const internal = () => new DirectMailServiceError("X", "InternalError", 500, "boom", "R", undefined, {});
const userError = () => new DirectMailServiceError("X", "InvalidMailAddressName.Malformed", 400, "bad", "R", undefined, {});

describe("backoffDelay", () => {
  it("grows exponentially up to the cap and never exceeds it", () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 1, () => 0.999)).toBeLessThan(DEFAULT_RETRY_POLICY.baseDelayMs);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0.999)).toBe(Math.floor(0.999 * 4 * DEFAULT_RETRY_POLICY.baseDelayMs));
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 30, () => 0.999)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 5, () => 0)).toBe(0);
  });
});

describe("withRetries", () => {
  it("retries throttling until it succeeds", async () => {
    let calls = 0;
    const result = await withRetries({ action: "X", policy, recovery: { kind: "report" } }, async () => {
      if (++calls < 3) throw throttled();
      return "ok";
    });
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("does not retry user errors", async () => {
    let calls = 0;
    await expect(
      withRetries({ action: "X", policy, recovery: REPEAT }, async () => {
        calls++;
        throw userError();
      }),
    ).rejects.toThrow(/Malformed/);
    expect(calls).toBe(1);
  });

  it("hands an ambiguous failure of a non-repeatable request back to the caller at once", async () => {
    let calls = 0;
    await expect(
      withRetries({ action: "X", policy, recovery: { kind: "report" } }, async () => {
        calls++;
        throw internal();
      }),
    ).rejects.toBeInstanceOf(DirectMailServiceError);
    expect(calls).toBe(1);
  });

  it("retries a refused connection even when not repeatable (it never arrived)", async () => {
    let calls = 0;
    const r = await withRetries({ action: "X", policy, recovery: { kind: "report" } }, async () => {
      if (++calls === 1) throw new DirectMailTransportError("X", "ECONNREFUSED", false);
      return calls;
    });
    expect(r).toBe(2);
  });

  it("gives up after maxAttempts with the last error inside", async () => {
    let calls = 0;
    const err = await withRetries({ action: "X", policy, recovery: REPEAT }, async () => {
      calls++;
      throw throttled();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectMailRetriesExhaustedError);
    expect((err as DirectMailRetriesExhaustedError).attempts).toBe(5);
    expect((err as DirectMailRetriesExhaustedError).reason).toBe("attempts");
    expect((err as Error).message).toContain("gave up after 5 attempts (the attempt limit)");
    expect((err as Error).message).toContain("Throttling.User");
    expect(calls).toBe(5);
  });

  it("respects the overall deadline", async () => {
    const started = Date.now();
    const err = await withRetries(
      { action: "X", policy: { maxAttempts: 1000, baseDelayMs: 50, maxDelayMs: 50, deadlineMs: 300 }, recovery: REPEAT },
      async () => {
        throw throttled();
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectMailRetriesExhaustedError);
    expect((err as DirectMailRetriesExhaustedError).reason).toBe("deadline");
    expect((err as Error).message).toContain("(the retry deadline)");
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("recovering a lost answer, as each action declares", () => {
  const duplicate = () => new DirectMailServiceError("X", "InvalidMailAddressName.Duplicate", 400, "exists", "R", undefined, {});
  const sameAsCurrent = () => new DirectMailServiceError("X", "InvalidPassword.equalcurrent", 400, "same", "R", undefined, {});

  it("look-up: after a lost answer, finds what the lost attempt made instead of sending it again", async () => {
    let sent = 0;
    let looked = 0;
    const result = await withRetries(
      {
        action: "X",
        policy,
        recovery: { kind: "look-up", find: async () => (++looked, "made-by-lost-attempt"), conflict: () => true },
      },
      async () => {
        sent++;
        throw internal();
      },
    );
    expect(result).toBe("made-by-lost-attempt");
    expect({ sent, looked }).toEqual({ sent: 1, looked: 1 });
  });

  it("look-up: a conflict counts as 'mine' only after a lost answer; a conflict on the first try is the caller's", async () => {
    const first = await withRetries(
      { action: "X", policy, recovery: { kind: "look-up", find: async () => "found", conflict: () => true } },
      async () => {
        throw duplicate();
      },
    ).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DirectMailServiceError);

    let sent = 0;
    let looked = 0;
    // The look-up right after the lost answer sees nothing yet (the service lags); the repeat meets "exists"; the next look-up finds it.
    const later = await withRetries(
      {
        action: "X",
        policy,
        recovery: {
          kind: "look-up",
          find: async () => (++looked === 1 ? undefined : "found"),
          conflict: (e) => e.code.endsWith("Duplicate"),
        },
      },
      async () => {
        if (++sent === 1) throw internal();
        throw duplicate();
      },
    );
    expect(later).toBe("found");
    expect({ sent, looked }).toEqual({ sent: 2, looked: 2 });
  });

  it("look-up: when every attempt loses its answer, looks once more before giving up", async () => {
    let looked = 0;
    const result = await withRetries(
      {
        action: "X",
        policy,
        recovery: { kind: "look-up", find: async () => (++looked <= policy.maxAttempts ? undefined : "late"), conflict: () => false },
      },
      async () => {
        throw internal();
      },
    );
    expect(result).toBe("late");
    expect(looked).toBe(policy.maxAttempts + 1);
  });

  it("done-when-said: the refusal of a repeat after a lost answer is success, and only that refusal", async () => {
    let sent = 0;
    const done = (e: DirectMailServiceError, lost: boolean) => (e.code === "InvalidPassword.equalcurrent" && lost ? "done" : undefined);
    const result = await withRetries({ action: "X", policy, recovery: { kind: "done-when-said", done } }, async () => {
      if (++sent === 1) throw new DirectMailTransportError("X", "socket hang up", true);
      throw sameAsCurrent();
    });
    expect(result).toBe("done");
    expect(sent).toBe(2);
    // Without a lost answer, the same refusal is the caller's.
    await expect(
      withRetries({ action: "X", policy, recovery: { kind: "done-when-said", done } }, async () => {
        throw sameAsCurrent();
      }),
    ).rejects.toThrow(/equalcurrent/);
  });

  it("one loop: a lost answer never multiplies the attempts beyond the policy", async () => {
    let sent = 0;
    const err = await withRetries({ action: "X", policy, recovery: { kind: "done-when-said", done: () => undefined } }, async () => {
      sent++;
      throw internal();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectMailRetriesExhaustedError);
    expect(sent).toBe(policy.maxAttempts);
  });
});

describe("the process's retry budget", () => {
  it("lets a burst of retries through, then spreads the rest at the refill rate", async () => {
    // A token every 500 ms: the fourth take finds none unless half a second passed since the budget was made,
    // which a loaded machine does not reach (at 20 a second, a 50 ms stall refilled one and the test failed).
    const budget = new RetryBudget(3, 2);
    const started = Date.now();
    // A take that may not wait (0 ms) succeeds only with a token there: the burst goes at once.
    for (let i = 0; i < 3; i++) expect(await budget.take(0)).toBe(true);
    expect(await budget.take(0)).toBe(false);
    expect(await budget.take(1_000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it("a retry storm across many callers sends no more retries than the budget allows, and says why it stopped", async () => {
    const budget = new RetryBudget(5, 1);
    let sent = 0;
    const storm = Array.from({ length: 10 }, () =>
      withRetries({ action: "X", policy: { ...policy, deadlineMs: 300 }, recovery: REPEAT, budget }, async () => {
        sent++;
        throw throttled();
      }).catch((e: unknown) => e),
    );
    const errors = await Promise.all(storm);
    // Ten first attempts, and five retries in all: without the budget there would be forty more.
    expect(sent).toBe(15);
    expect(errors.every((e) => e instanceof DirectMailRetriesExhaustedError)).toBe(true);
    const reasons = new Set(errors.map((e) => (e as DirectMailRetriesExhaustedError).reason));
    expect(reasons.has("budget")).toBe(true);
    expect(String(errors.find((e) => (e as DirectMailRetriesExhaustedError).reason === "budget"))).toContain("the process's retry budget");
  });
});
