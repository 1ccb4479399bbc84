import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { DOCUMENTED_RATE_LIMITS } from "../client/apiFacts";
import { RunningEmulator, startEmulator } from "../emulator";
import { ReceiverList, ReceiverListMember } from "../provider";
import { createLocalStack, REPO } from "./localEngine";

/**
 * `npm run bench` (and `-- --receivers` alone): a recipient list of 1,000 and
 * one of 10,000 members through the real engine, against the emulator with
 * DirectMail's documented limits, under its default dialect (a save refuses an
 * email the list has, as the docs read). For up, a no-change up, refresh and a
 * change of 1 % of the members (a third removed, a third added, a third
 * changed), it prints the API calls beside the fewest possible and the time
 * beside the floor the documented rate limits set, and the provider process's
 * peak memory. "API s" is the span from the first request's answer to the
 * last's, as the emulator logs them: the part of the operation the API calls
 * take (the rest is the engine's, noisy on a shared machine), which the ratio
 * holds to the rate floor.
 *
 * The time floor: `n` calls of an action allowed `limit` per `window` take at
 * least floor((n - 1) / limit) windows (the first `limit` go at once); the
 * floor of an operation is the largest over its actions. Calls ÷ rate alone
 * would count the first window's burst as waiting.
 */

type Operation = "up" | "up, no change" | "refresh" | "1 % change";
const OPERATIONS: readonly Operation[] = ["up", "up, no change", "refresh", "1 % change"];

const members = (n: number, from = 0): ReceiverListMember[] =>
  Array.from({ length: n }, (_, i) => ({
    email: `member${from + i}@example.org`,
    userName: `Member ${from + i}`,
    nickName: `M${from + i}`,
  }));

/** A third removed, as many added, the rest changed (a new nickname). */
function changedByOnePercent(list: ReceiverListMember[]): {
  wanted: ReceiverListMember[];
  removed: number;
  added: number;
  changed: number;
} {
  const changes = Math.max(3, Math.round(list.length / 100));
  const third = Math.floor(changes / 3);
  // As many added as removed: a full list stays within its 10,000.
  const removed = third;
  const added = third;
  const changed = changes - removed - added;
  const kept = list.slice(removed).map((m, i) => (i < changed ? { ...m, nickName: `${m.nickName}-new` } : m));
  return { wanted: [...kept, ...members(added, 1_000_000)], removed, added, changed };
}

/** The fewest calls each operation can make for `n` members, under a dialect whose save refuses an existing email. */
function fewestCalls(op: Operation, n: number): Record<string, number> {
  const saves = Math.ceil(n / 500);
  const pages = Math.ceil(n / 100);
  const { removed, added, changed } = changedByOnePercent(members(n));
  switch (op) {
    case "up":
      return { CreateReceiver: 1, SaveReceiverDetail: saves, QueryReceiverByParam: 1 };
    case "up, no change":
      return {};
    case "refresh":
      return { QueryReceiverByParam: 1, QueryReceiverDetail: pages };
    case "1 % change":
      // A changed member is refused by the first save, then deleted and saved again.
      return {
        DeleteReceiverDetail: removed + changed,
        SaveReceiverDetail: Math.ceil((added + changed) / 500) + Math.ceil(changed / 500),
        QueryReceiverByParam: 1,
      };
  }
}

function rateFloorSeconds(calls: Record<string, number>): number {
  let floor = 0;
  for (const [action, n] of Object.entries(calls)) {
    const rule = DOCUMENTED_RATE_LIMITS[action];
    if (rule && n > 0) floor = Math.max(floor, (Math.floor((n - 1) / rule.limit) * rule.windowMs) / 1000);
  }
  return floor;
}

/** The peak resident memory of this repository's dynamic-provider processes, sampled while `work` runs. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    try {
      const out = execFileSync("ps", ["-eo", "rss,args"], { encoding: "utf8" });
      for (const line of out.split("\n")) {
        if (line.includes(`${REPO}/node_modules/@pulumi/pulumi/cmd/dynamic-provider`))
          peak = Math.max(peak, Number(line.trim().split(/\s+/)[0]) / 1024);
      }
    } catch {
      // ps is only a sampler: a failed sample is skipped.
    }
  };
  const timer = setInterval(sample, 250);
  try {
    const result = await work();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

async function benchmarkList(size: number): Promise<void> {
  // When each request was answered: the span from the first to the last is the time the API calls took.
  const answered: number[] = [];
  const emulator: RunningEmulator = await startEmulator({ domains: ["example.com"], log: () => answered.push(performance.now()) });
  let wanted = members(size);
  const local = await createLocalStack({
    projectName: `bench-list-${size}`,
    program: async () => {
      const list = new ReceiverList("list", { receiversName: `bench${size}`, receiversAlias: "bench@example.com", members: wanted });
      return { count: list.memberCount };
    },
    config: { "directmail:endpoint": { value: emulator.url } },
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKey.secret },
  });
  process.stdout.write(`\nrecipient list of ${size.toLocaleString("en")} members\n`);
  const rows: Array<{
    op: Operation;
    seconds: number;
    api: number;
    total: number;
    throttled: number;
    peakMb: number;
    byAction: Record<string, number>;
  }> = [];
  try {
    for (const op of OPERATIONS) {
      if (op === "1 % change") wanted = changedByOnePercent(wanted).wanted;
      const seen = emulator.inspect.requests.length;
      answered.length = 0;
      const t = performance.now();
      const { peakMb } = await withPeakMemory(() => (op === "refresh" ? local.stack.refresh() : local.stack.up()));
      const seconds = (performance.now() - t) / 1000;
      const { byAction, throttled, total } = emulator.inspect.tallyRequests(seen);
      const api = answered.length > 1 ? (answered[answered.length - 1] - answered[0]) / 1000 : 0;
      rows.push({ op, seconds, api, total, throttled, peakMb, byAction });
    }
    process.stdout.write(
      `${"operation".padEnd(15)} ${"seconds".padStart(8)} ${"API s".padStart(8)} ${"rate floor".padStart(10)} ${"ratio".padStart(6)}  ${"calls (fewest)".padEnd(15)} ${"throttled".padStart(9)} ${"provider MB".padStart(11)}  by action\n`,
    );
    for (const { op, seconds, api, total, throttled, peakMb, byAction } of rows) {
      const fewest = fewestCalls(op, size);
      const fewestTotal = Object.values(fewest).reduce((a, b) => a + b, 0);
      const floor = rateFloorSeconds(fewest);
      const ratio = floor >= 1 ? `${(api / floor).toFixed(2)}x` : "-";
      const shown = Object.entries(byAction)
        .map(([action, n]) => `${action} ${n}${fewest[action] !== undefined && fewest[action] !== n ? ` (${fewest[action]})` : ""}`)
        .join(", ");
      const misses = [
        total > fewestTotal ? "calls above the fewest" : "",
        floor >= 1 && api / floor > 1.2 ? "more than 1.2x the rate floor" : "",
        throttled > 0 ? "throttled" : "",
      ].filter(Boolean);
      process.stdout.write(
        `${op.padEnd(15)} ${seconds.toFixed(2).padStart(8)} ${api.toFixed(2).padStart(8)} ${floor.toFixed(1).padStart(10)} ${ratio.padStart(6)}  ${`${total} (${fewestTotal})`.padEnd(15)} ${String(throttled).padStart(9)} ${peakMb.toFixed(0).padStart(11)}  ${shown || "-"}${misses.length ? `   MISSED: ${misses.join(", ")}` : ""}\n`,
      );
    }
    await local.stack.destroy();
  } finally {
    local.cleanup();
    await emulator.stop();
  }
}

export async function receiverBenchmark(sizes: readonly number[] = [1_000, 10_000]): Promise<void> {
  process.stdout.write(
    `\nreal engine: one ReceiverList with members; emulator with DirectMail's documented limits (QueryReceiverDetail 2/s, DeleteReceiverDetail 20/s, CreateReceiver 10/min), default dialect\n`,
  );
  for (const size of sizes) await benchmarkList(size);
}
