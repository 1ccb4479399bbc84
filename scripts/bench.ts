import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { DirectMailClient, signRpcRequest } from "../client";
import { RunningEmulator, startEmulator } from "../emulator";
import { MailAddress, MailDomain } from "../provider";
import { faultBenchmark } from "./benchFaults";
import { receiverBenchmark } from "./benchReceivers";
import { createLocalStack, LocalStack } from "./localEngine";

/**
 * `npm run bench`: the real engine, 10 sender addresses (with passwords and
 * reply addresses) and a sending domain beside 11 no-op dynamic resources, against the emulator with
 * DirectMail's documented limits on. Each operation is timed on both stacks in
 * the same round, alternating which goes first, and reported as a ratio, so
 * that a shared, noisy machine slows both alike. Medians of 3 rounds.
 * `npm run bench -- --protocol` adds the client's raw figures (signing,
 * latency and throughput over loopback, limits and pacing off).
 * `npm run bench -- --faults [--seeds 1,2,3,4,5]` runs the fault benchmark
 * (benchFaults.ts) instead. The recipient lists' figures follow the senders'
 * (benchReceivers.ts); `npm run bench -- --receivers [--members 1000,10000]` runs them alone.
 */

const ADDRESSES = 10;
/** `npm run bench -- --rounds 5` for more rounds; the median and the spread are printed. */
const ROUNDS = (() => {
  const at = process.argv.indexOf("--rounds");
  const n = at >= 0 ? Number(process.argv[at + 1]) : 3;
  if (!Number.isInteger(n) || n < 1) throw new Error("--rounds takes a whole number of rounds, 1 or more");
  return n;
})();

const OPERATIONS = ["up", "up, no change", "preview", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];

/**
 * The fewest API calls each operation can make, and the targets. The domain
 * adds CreateDomain and DescDomain to up, DescDomain to refresh, and DeleteDomain
 * to destroy (plus the listing that names any senders left on it).
 */
const FLOOR: Record<Operation, { calls: number; maxCalls?: number; maxRatio?: number }> = {
  up: { calls: 2 * ADDRESSES + 2, maxCalls: 24, maxRatio: 1.5 },
  "up, no change": { calls: 0, maxCalls: 0, maxRatio: 1.2 },
  preview: { calls: 0, maxCalls: 0 },
  refresh: { calls: 2, maxCalls: 3, maxRatio: 1.3 },
  destroy: { calls: ADDRESSES + 1, maxCalls: ADDRESSES + 2 },
};

/** A dynamic resource that does nothing: the engine's own cost per resource. */
const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: String(inputs.name), outs: inputs };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super(noopProvider, name, props, undefined, "bench", "Noop");
  }
}

function run(stack: Stack, op: Operation): Promise<unknown> {
  switch (op) {
    case "up":
    case "up, no change":
      return stack.up();
    case "preview":
      return stack.preview();
    case "refresh":
      return stack.refresh();
    case "destroy":
      return stack.destroy();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface RoundResult {
  readonly seconds: Record<Operation, { noop: number; addresses: number }>;
  readonly calls: Record<Operation, Record<string, number>>;
  readonly throttled: Record<Operation, number>;
  readonly providerBytes: { noop: number; addresses: number; domain: number };
}

async function providerBytes(stack: Stack, type: string): Promise<number> {
  const state = await stack.exportStack();
  const resources = (state.deployment.resources ?? []) as Array<{ type: string; outputs?: { __provider?: string } }>;
  return resources.find((r) => r.type === type)?.outputs?.__provider?.length ?? 0;
}

async function round(index: number): Promise<RoundResult> {
  const emulator: RunningEmulator = await startEmulator({ domains: ["example.com", "example.org"] });
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKey.secret };
  const stacks: Record<"noop" | "addresses", LocalStack> = {
    noop: await createLocalStack({
      projectName: "bench-noop",
      program: async () => {
        for (let i = 0; i <= ADDRESSES; i++) new Noop(`n${i}`, { name: `n${i}`, accountName: `noop${i}@example.com`, sendtype: "batch" });
      },
    }),
    addresses: await createLocalStack({
      projectName: "bench-addresses",
      program: async () => {
        new MailDomain("domain", { domainName: "bench.example.net" });
        for (let i = 0; i < ADDRESSES; i++) {
          new MailAddress(`a${i}`, {
            accountName: `bench${i}@example.com`,
            sendtype: "batch",
            password: pulumi.secret(`BEnch${i}pass42`),
            replyAddress: `replies${i}@example.org`,
          });
        }
      },
      config: { "directmail:endpoint": { value: emulator.url } },
      env,
    }),
  };
  const result: RoundResult = {
    seconds: {} as RoundResult["seconds"],
    calls: {} as RoundResult["calls"],
    throttled: {} as RoundResult["throttled"],
    providerBytes: { noop: 0, addresses: 0, domain: 0 },
  };
  try {
    for (const op of OPERATIONS) {
      const order: Array<"noop" | "addresses"> = index % 2 === 0 ? ["noop", "addresses"] : ["addresses", "noop"];
      const seconds = { noop: 0, addresses: 0 };
      let seen = 0;
      for (const which of order) {
        if (which === "addresses") seen = emulator.inspect.requests.length;
        const t = performance.now();
        await run(stacks[which].stack, op);
        seconds[which] = (performance.now() - t) / 1000;
        if (which === "addresses") {
          const { byAction, throttled } = emulator.inspect.tallyRequests(seen);
          result.calls[op] = byAction;
          result.throttled[op] = throttled;
        }
      }
      result.seconds[op] = seconds;
      if (op === "up") {
        result.providerBytes.noop = await providerBytes(stacks.noop.stack, "pulumi-nodejs:dynamic/bench:Noop");
        result.providerBytes.addresses = await providerBytes(stacks.addresses.stack, "pulumi-nodejs:dynamic/directmail:MailAddress");
        result.providerBytes.domain = await providerBytes(stacks.addresses.stack, "pulumi-nodejs:dynamic/directmail:MailDomain");
      }
    }
  } finally {
    stacks.noop.cleanup();
    stacks.addresses.cleanup();
    await emulator.stop();
  }
  return result;
}

function shortAction(action: string): string {
  return action.replace("MailAddressByParam", "").replace("MailAddress", "").replace("DomainByParam", "Domains");
}

async function engineBenchmark(): Promise<void> {
  process.stdout.write(
    `real engine: ${ADDRESSES} sender addresses and a sending domain beside ${ADDRESSES + 1} no-op dynamic resources; emulator with DirectMail's documented limits; medians of ${ROUNDS}\n`,
  );
  const rounds: RoundResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round(i));
    process.stdout.write(`  round ${i + 1} of ${ROUNDS} done\n`);
  }
  const header = `${"operation".padEnd(15)} ${"no-op s".padStart(8)} ${"address s".padStart(9)} ${"ratio".padStart(6)} ${"rounds".padStart(9)}  ${"API calls (floor)".padEnd(18)} ${"throttled".padStart(9)}  by action`;
  process.stdout.write(`\n${header}\n`);
  for (const op of OPERATIONS) {
    const noop = median(rounds.map((r) => r.seconds[op].noop));
    const addresses = median(rounds.map((r) => r.seconds[op].addresses));
    const ratios = rounds.map((r) => r.seconds[op].addresses / r.seconds[op].noop);
    const ratio = median(ratios);
    const spread = `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
    const totals = rounds.map((r) => Object.values(r.calls[op]).reduce((a, b) => a + b, 0));
    const calls = median(totals);
    const throttled = Math.max(...rounds.map((r) => r.throttled[op]));
    const byAction = Object.entries(rounds[rounds.length - 1].calls[op])
      .map(([action, n]) => `${shortAction(action)} ${n}`)
      .join(", ");
    const floor = FLOOR[op];
    const misses = [
      floor.maxRatio !== undefined && ratio > floor.maxRatio ? `ratio above ${floor.maxRatio}` : "",
      floor.maxCalls !== undefined && Math.max(...totals) > floor.maxCalls ? `calls above ${floor.maxCalls}` : "",
      throttled > 0 ? "throttled" : "",
    ].filter(Boolean);
    process.stdout.write(
      `${op.padEnd(15)} ${noop.toFixed(2).padStart(8)} ${addresses.toFixed(2).padStart(9)} ${`${ratio.toFixed(2)}x`.padStart(6)} ${spread.padStart(9)}  ` +
        `${`${calls} (${floor.calls})`.padEnd(18)} ${String(throttled).padStart(9)}  ${byAction || "-"}${misses.length ? `   MISSED: ${misses.join(", ")}` : ""}\n`,
    );
  }
  const bytes = rounds[rounds.length - 1].providerBytes;
  process.stdout.write(
    `\nserialized provider per resource: MailAddress ${bytes.addresses} characters, MailDomain ${bytes.domain}, no-op ${bytes.noop}\n`,
  );
}

async function protocolFigures(): Promise<void> {
  process.stdout.write(`\nclient over loopback (emulator limits and client pacing off)\n`);
  const params: Record<string, string> = {
    Action: "QueryMailAddressByParam",
    Version: "2015-11-23",
    Format: "JSON",
    AccessKeyId: "bench",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    Timestamp: "2026-01-01T00:00:00Z",
    KeyWord: "sender@example.com",
  };
  const signings = 50_000;
  const t0 = performance.now();
  for (let i = 0; i < signings; i++) signRpcRequest("POST", params, "secret");
  process.stdout.write(`  signature V1: ${(((performance.now() - t0) * 1000) / signings).toFixed(1)} µs per request\n`);

  const emulator = await startEmulator({ domains: ["example.com"], rateLimits: false, monthlyDeleteLimit: 0, addressLimit: 1000 });
  const client = new DirectMailClient({
    endpoint: emulator.url,
    credentials: { accessKeyId: emulator.accessKey.id, accessKeySecret: emulator.accessKey.secret, env: {} },
    pacer: false,
  });
  for (const concurrency of [1, 8, 32]) {
    let next = 0;
    const samples: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < 2000) {
          const t = performance.now();
          await client.queryMailAddressByParam({ keyWord: "warm" });
          samples.push(performance.now() - t);
        }
      }),
    );
    const wall = performance.now() - started;
    process.stdout.write(
      `  QueryMailAddressByParam, concurrency ${String(concurrency).padStart(2)}: p50 ${median(samples).toFixed(2)} ms, ${(samples.length / (wall / 1000)).toFixed(0)} req/s\n`,
    );
  }
  await client.close();
  await emulator.stop();
}

async function main(): Promise<void> {
  process.stdout.write(`pulumi-directmail benchmark (node ${process.version}, ${new Date().toISOString()})\n\n`);
  if (process.argv.includes("--faults")) {
    const i = process.argv.indexOf("--seeds");
    const seeds = i > 0 ? process.argv[i + 1].split(",").map(Number) : [1, 2, 3, 4, 5];
    if (seeds.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`--seeds must be whole numbers, such as 1,2,3`);
    await faultBenchmark(seeds);
    return;
  }
  const at = process.argv.indexOf("--members");
  const sizes = at > 0 ? process.argv[at + 1].split(",").map(Number) : undefined;
  if (sizes?.some((n) => !Number.isInteger(n) || n < 3 || n > 10_000))
    throw new Error("--members takes list sizes from 3 to 10000, such as 1000,10000");
  if (!process.argv.includes("--receivers")) await engineBenchmark();
  await receiverBenchmark(sizes);
  if (process.argv.includes("--protocol")) await protocolFigures();
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
