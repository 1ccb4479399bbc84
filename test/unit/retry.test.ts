import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  DirectMailRetriesExhaustedError,
  DirectMailServiceError,
  DirectMailTransportError,
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
    const result = await withRetries({ action: "X", policy, repeatable: false }, async () => {
      if (++calls < 3) throw throttled();
      return "ok";
    });
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("does not retry user errors", async () => {
    let calls = 0;
    await expect(
      withRetries({ action: "X", policy, repeatable: true }, async () => {
        calls++;
        throw userError();
      }),
    ).rejects.toThrow(/Malformed/);
    expect(calls).toBe(1);
  });

  it("hands an ambiguous failure of a non-repeatable request back to the caller at once", async () => {
    let calls = 0;
    await expect(
      withRetries({ action: "X", policy, repeatable: false }, async () => {
        calls++;
        throw internal();
      }),
    ).rejects.toBeInstanceOf(DirectMailServiceError);
    expect(calls).toBe(1);
  });

  it("retries a refused connection even when not repeatable (it never arrived)", async () => {
    let calls = 0;
    const r = await withRetries({ action: "X", policy, repeatable: false }, async () => {
      if (++calls === 1) throw new DirectMailTransportError("X", "ECONNREFUSED", false);
      return calls;
    });
    expect(r).toBe(2);
  });

  it("gives up after maxAttempts with the last error inside", async () => {
    let calls = 0;
    const err = await withRetries({ action: "X", policy, repeatable: true }, async () => {
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
      { action: "X", policy: { maxAttempts: 1000, baseDelayMs: 50, maxDelayMs: 50, deadlineMs: 300 }, repeatable: true },
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
