import { performance } from "node:perf_hooks";
import { startEmulator } from "../emulator";
import { DirectMailClient, signRpcRequest } from "../client";

/**
 * Figures, not assertions: signing cost, request latency and throughput of
 * the client against the emulator over loopback (pooled connections), and the
 * cost of paging; with --engine, wall times of real `pulumi` operations.
 * Run with `npm run bench` (or `npm run bench -- --engine`) after `npm run build`.
 */

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(name: string, samples: number[], wallMs: number): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  process.stdout.write(
    `${name.padEnd(44)} n=${String(samples.length).padStart(5)}  p50 ${fmt(percentile(sorted, 50))} ms  p95 ${fmt(percentile(sorted, 95))} ms  ` +
      `p99 ${fmt(percentile(sorted, 99))} ms  ${(samples.length / (wallMs / 1000)).toFixed(0).padStart(6)} req/s\n`,
  );
}

async function timed(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<{ samples: number[]; wall: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await op(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return { samples, wall: performance.now() - started };
}

async function main(): Promise<void> {
  process.stdout.write(`pulumi-directmail benchmark (node ${process.version}, ${new Date().toISOString()})\n\n`);

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
  const signMs = performance.now() - t0;
  process.stdout.write(`signature V1: ${((signMs * 1000) / signings).toFixed(1)} µs per request (${signings} signed)\n\n`);

  // Rate limits off: this measures the protocol path, not the documented QPS caps.
  const emulator = await startEmulator({ domains: ["example.com"], rateLimits: false, monthlyDeleteLimit: 0, addressLimit: 1000 });
  const client = new DirectMailClient({
    endpoint: emulator.url,
    credentials: { accessKeyId: emulator.accessKey.id, accessKeySecret: emulator.accessKey.secret, env: {} },
  });
  for (let i = 0; i < 10; i++) await client.createMailAddress({ accountName: `warm${i}@example.com`, sendtype: "batch" });

  for (const concurrency of [1, 8, 32]) {
    const r = await timed(2000, concurrency, () => client.queryMailAddressByParam({ keyWord: "warm" }));
    report(`QueryMailAddressByParam, concurrency ${concurrency}`, r.samples, r.wall);
  }
  const creates = await timed(500, 8, (i) => client.createMailAddress({ accountName: `bench${i}@example.com`, sendtype: "trigger" }));
  report("CreateMailAddress, concurrency 8", creates.samples, creates.wall);
  const ids = (await client.listMailAddresses({ keyWord: "bench" })).map((a) => a.mailAddressId);
  const modifies = await timed(ids.length, 8, (i) => client.modifyMailAddress({ mailAddressId: ids[i], password: `BEnch${i}pass99` }));
  report("ModifyMailAddress (password), concurrency 8", modifies.samples, modifies.wall);
  const lists = await timed(50, 1, () => client.listMailAddresses({ pageSize: 50 }));
  report(`listMailAddresses of ${ids.length + 10} (pages of 50)`, lists.samples, lists.wall);
  const deletes = await timed(ids.length, 8, (i) => client.deleteMailAddress(ids[i]));
  report("DeleteMailAddress, concurrency 8", deletes.samples, deletes.wall);

  await client.close();
  await emulator.stop();

  if (process.argv.includes("--engine")) await engineFigures();
}

/** Wall time of real engine operations on 10 addresses (documented QPS limits on, as on the service). */
async function engineFigures(): Promise<void> {
  const { createLocalStack } = await import("./localEngine");
  const { MailAddress } = await import("../provider");
  const emu = await startEmulator({ domains: ["example.com"] });
  const local = await createLocalStack({
    projectName: "bench",
    program: async () => {
      for (let i = 0; i < 10; i++)
        new MailAddress(`a${i}`, { accountName: `engine${i}@example.com`, sendtype: "batch", password: `ENgine${i}pass42` });
      return {};
    },
    config: { "directmail:endpoint": { value: emu.url } },
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: emu.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.accessKey.secret },
  });
  process.stdout.write("\nreal engine, 10 addresses with passwords:\n");
  for (const [name, op] of [
    ["up (create)", () => local.stack.up()],
    ["up (no changes)", () => local.stack.up()],
    ["refresh", () => local.stack.refresh()],
    ["destroy", () => local.stack.destroy()],
  ] as const) {
    const t = performance.now();
    await op();
    process.stdout.write(`  ${name.padEnd(18)} ${((performance.now() - t) / 1000).toFixed(2)} s\n`);
  }
  process.stdout.write(
    `  API requests seen by the emulator: ${emu.requests.length} (${emu.requests.filter((r) => r.code === "Throttling.User").length} throttled and retried)\n`,
  );
  local.cleanup();
  await emu.stop();
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
