import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { signRpcRequest } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import { NonceJournal } from "../../emulator/state/nonceJournal";
import { scratchDir } from "../support/scratch";

/**
 * A captured signed request cannot be replayed within its window against
 * another emulator on the same state file: a restarted one, or a second one
 * running beside it (the nonces are kept beside the state, in `<state>.nonces`).
 */

const scratch = scratchDir("nonce-replay");
const running: RunningEmulator[] = [];
afterAll(() => Promise.all(running.map((e) => e.stop())));

async function emulatorOn(path: string): Promise<RunningEmulator> {
  const e = await startEmulator({ domains: ["example.com"], persistPath: path, rateLimits: false });
  running.push(e);
  return e;
}

/** One signed request, as captured on the wire: the same bytes can be sent to any emulator. */
function captured(e: RunningEmulator, params: Record<string, string>): string {
  const signed: Record<string, string> = {
    Version: "2015-11-23",
    Format: "JSON",
    RegionId: "cn-hangzhou",
    AccessKeyId: e.accessKey.id,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...params,
  };
  signed.Signature = signRpcRequest("POST", signed, e.accessKey.secret);
  return new URLSearchParams(signed).toString();
}

async function send(e: RunningEmulator, body: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(e.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  const parsed = (await res.json()) as { Code?: string };
  return { status: res.status, code: parsed.Code };
}

test("a request replayed against the emulator restarted on the same state file is refused", async () => {
  const path = join(scratch, "restarted.json");
  const first = await emulatorOn(path);
  const create = captured(first, { Action: "CreateMailAddress", AccountName: "once@example.com", Sendtype: "batch" });
  expect(await send(first, create)).toEqual({ status: 200, code: undefined });
  await first.stop();
  running.splice(running.indexOf(first), 1);
  const second = await emulatorOn(path);
  // Deleted in between, so that a replay that got through would create it again.
  const id = String(second.inspect.allAddresses()[0].id);
  expect(await send(second, captured(second, { Action: "DeleteMailAddress", MailAddressId: id }))).toEqual({
    status: 200,
    code: undefined,
  });
  expect(await send(second, create)).toEqual({ status: 400, code: "SignatureNonceUsed" });
  expect(second.inspect.allAddresses()).toEqual([]);
});

test("a request replayed against a second emulator on the same state file is refused, a read as well", async () => {
  const path = join(scratch, "beside.json");
  const a = await emulatorOn(path);
  const b = await emulatorOn(path);
  const query = captured(a, { Action: "QueryMailAddressByParam" });
  expect(await send(a, query)).toEqual({ status: 200, code: undefined });
  expect(await send(b, query)).toEqual({ status: 400, code: "SignatureNonceUsed" });
  // And the other way round.
  const other = captured(b, { Action: "QueryMailAddressByParam" });
  expect(await send(b, other)).toEqual({ status: 200, code: undefined });
  expect(await send(a, other)).toEqual({ status: 400, code: "SignatureNonceUsed" });
});

test("the spent nonces are kept 0600 beside the state file, and never the request itself", async () => {
  const path = join(scratch, "kept.json");
  const e = await emulatorOn(path);
  await send(e, captured(e, { Action: "QueryMailAddressByParam", KeyWord: "not-kept" }));
  expect(statSync(`${path}.nonces`).mode & 0o777).toBe(0o600);
  const kept = readFileSync(`${path}.nonces`, "utf8");
  expect(kept).toMatch(/^\[\d+,"[0-9a-f-]{36}"\]\n$/);
  expect(kept).not.toContain("not-kept");
});

test("the journal is bounded by the window: expired nonces are dropped once it grows, and forgotten ones are usable again", () => {
  const path = join(scratch, "bounded.nonces");
  const journal = new NonceJournal(path, 1_000, 4_096);
  for (let i = 0; i < 500; i++) expect(journal.spend(`nonce-${i}`, i * 10)).toBe(true);
  // 500 lines of ~20 bytes were written; only the last window's (about 100) are kept.
  expect(statSync(path).size).toBeLessThanOrEqual(4_096);
  expect(journal.spend("nonce-499", 5_000)).toBe(false);
  expect(journal.spend("nonce-0", 5_000)).toBe(true);
  // A second journal on the same file (another process) knows what the first spent.
  expect(new NonceJournal(path, 1_000, 4_096).spend("nonce-498", 5_001)).toBe(false);
});
