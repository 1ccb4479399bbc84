/**
 * Fault injection: failures the real service and network produce, either at
 * random (probabilities, with a seed for repeatable runs) or queued one at a
 * time for a given action, which is what deterministic tests want.
 */

export type FaultKind =
  /** Throttling.User before any work is done. */
  | "throttle"
  /** 503 ServiceUnavailable before any work is done. */
  | "unavailable"
  /** 500 InternalError before any work is done. */
  | "internal"
  /** The connection is cut before any work is done. */
  | "drop"
  /** The work is done and committed, then the connection is cut: the answer is lost. */
  | "commit-then-drop"
  /** A 404 InvalidProduct.NotFound, as a wrong endpoint (another product's gateway) answers everything. */
  | "wrong-endpoint";

export interface FaultRates {
  readonly throttle?: number;
  readonly unavailable?: number;
  readonly internal?: number;
  readonly drop?: number;
  readonly commitThenDrop?: number;
  readonly wrongEndpoint?: number;
}

export interface FaultOptions {
  readonly rates?: FaultRates;
  /** Extra delay before each answer, in ms: a fixed number or a [min, max] range. */
  readonly latencyMs?: number | readonly [number, number];
  /** Seed for the random faults; the same seed gives the same sequence. */
  readonly seed?: number;
}

/** mulberry32: tiny, seedable, good enough to decide faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private readonly queued: Array<{ kind: FaultKind; action?: string }> = [];
  private random: () => number;
  private options: FaultOptions;
  /** How many faults of each kind were injected: tests assert the fault really happened. */
  readonly injected: Record<FaultKind, number> = {
    throttle: 0,
    unavailable: 0,
    internal: 0,
    drop: 0,
    "commit-then-drop": 0,
    "wrong-endpoint": 0,
  };

  constructor(options: FaultOptions = {}) {
    this.options = options;
    this.random = seeded(options.seed ?? Date.now());
  }

  configure(options: FaultOptions): void {
    this.options = options;
    if (options.seed !== undefined) this.random = seeded(options.seed);
  }

  /** Queue one fault for the next request (of `action`, when given). */
  next(kind: FaultKind, action?: string): void {
    this.queued.push({ kind, action });
  }

  clear(): void {
    this.queued.length = 0;
    this.options = {};
  }

  /** The fault for this request, if any. */
  pick(action: string): FaultKind | undefined {
    const i = this.queued.findIndex((q) => !q.action || q.action === action);
    if (i >= 0) return this.count(this.queued.splice(i, 1)[0].kind);
    const rates = this.options.rates ?? {};
    const draws: Array<[FaultKind, number | undefined]> = [
      ["throttle", rates.throttle],
      ["unavailable", rates.unavailable],
      ["internal", rates.internal],
      ["drop", rates.drop],
      ["commit-then-drop", rates.commitThenDrop],
      ["wrong-endpoint", rates.wrongEndpoint],
    ];
    for (const [kind, rate] of draws) {
      if (rate && this.random() < rate) return this.count(kind);
    }
    return undefined;
  }

  latency(): number {
    const l = this.options.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === "number") return l;
    return l[0] + Math.floor(this.random() * (l[1] - l[0] + 1));
  }

  private count(kind: FaultKind): FaultKind {
    this.injected[kind]++;
    return kind;
  }
}
