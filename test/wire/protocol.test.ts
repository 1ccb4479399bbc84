import { randomUUID } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import * as $Dm from "@alicloud/dm20151123";
import { officialSdk } from "../support/officialSdk";
import { join } from "node:path";
import { startEmulator, RunningEmulator } from "../../emulator";
import {
  DEFAULT_RETRY_POLICY,
  DirectMailClient,
  Pacer,
  DirectMailRetriesExhaustedError,
  DirectMailServiceError,
  isAmbiguous,
  signRpcRequest,
} from "../../client";
import { FAST_RETRY, harness, Harness } from "../support/emulator";
import { printedUrl } from "../support/printedLines";
import { scratchDir } from "../support/scratch";

/** A hand-made signed request, so each part of the protocol can be broken on purpose. */
function signedParams(emulator: RunningEmulator, action: string, extra: Record<string, string> = {}, method = "POST") {
  const params: Record<string, string> = {
    Action: action,
    Version: "2015-11-23",
    Format: "JSON",
    AccessKeyId: emulator.accessKey.id,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...extra,
  };
  params.Signature = signRpcRequest(method, params, emulator.accessKey.secret);
  return params;
}

async function post(emulator: RunningEmulator, params: Record<string, string>) {
  const res = await fetch(emulator.url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return { status: res.status, text, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const scratch = scratchDir("dm-state");

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

describe("authentication", () => {
  it("accepts a correctly signed GET with everything in the query string", async () => {
    const params = signedParams(h.emulator, "QueryMailAddressByParam", {}, "GET");
    const res = await fetch(`${h.emulator.url}/?${new URLSearchParams(params)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ TotalCount: 0, data: { mailAddress: [] } });
  });

  it("rejects a request tampered with after signing, echoing the server's string-to-sign", async () => {
    const params = signedParams(h.emulator, "CreateMailAddress", { AccountName: "a@example.com", Sendtype: "batch" });
    const res = await post(h.emulator, { ...params, AccountName: "evil@example.com" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ Code: "SignatureDoesNotMatch" });
    expect(res.body.Message).toContain("server string to sign is:POST&%2F&AccessKeyId");
    expect(Object.keys(res.body).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
    expect(h.emulator.inspect.allAddresses()).toEqual([]);
  });

  it("rejects a replayed nonce", async () => {
    const params = signedParams(h.emulator, "QueryMailAddressByParam");
    expect((await post(h.emulator, params)).status).toBe(200);
    expect((await post(h.emulator, params)).body).toMatchObject({ Code: "SignatureNonceUsed" });
  });

  it("rejects unknown keys, stale or malformed timestamps, missing and unsupported parameters", async () => {
    const e = h.emulator;
    const cases: Array<[Record<string, string>, string, number]> = [
      [{ ...signedParams(e, "QueryMailAddressByParam", { AccessKeyId: "nobody" }) }, "InvalidAccessKeyId.NotFound", 404],
      [signedParams(e, "QueryMailAddressByParam", { Timestamp: "2020-01-01T00:00:00Z" }), "InvalidTimeStamp.Expired", 400],
      [signedParams(e, "QueryMailAddressByParam", { Timestamp: "yesterday" }), "InvalidTimeStamp.Format", 400],
      [signedParams(e, "QueryMailAddressByParam", { SignatureMethod: "HMAC-MD5" }), "InvalidSignatureMethod", 400],
      [signedParams(e, "NoSuchAction"), "InvalidAction.NotFound", 404],
      [signedParams(e, "QueryMailAddressByParam", { Version: "2017-06-22" }), "InvalidVersion", 400],
      [signedParams(e, "CreateMailAddress", { Sendtype: "batch" }), "MissingAccountName", 400],
      [signedParams(e, "QueryMailAddressByParam", { PageSize: "501" }), "InvalidParameter", 400],
      [signedParams(e, "QueryMailAddressByParam", { Format: "YAML" }), "InvalidParameter.Format", 400],
    ];
    for (const [params, code, status] of cases) {
      const res = await post(e, params);
      expect([res.body.Code, res.status]).toEqual([code, status]);
    }
    const unsigned = signedParams(e, "QueryMailAddressByParam");
    delete unsigned.Signature;
    expect((await post(e, unsigned)).body.Code).toBe("IncompleteSignature");
  });

  it("answers in XML when asked, or when Format is absent (the V1 default)", async () => {
    const params = signedParams(h.emulator, "QueryMailAddressByParam", { Format: "XML" });
    const res = await post(h.emulator, params);
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><QueryMailAddressByParamResponse><RequestId>/);
    const withoutFormat = signedParams(h.emulator, "NoSuchAction");
    delete withoutFormat.Format;
    withoutFormat.Signature = signRpcRequest(
      "POST",
      Object.fromEntries(Object.entries(withoutFormat).filter(([k]) => k !== "Signature")),
      h.emulator.accessKey.secret,
    );
    expect((await post(h.emulator, withoutFormat)).text).toContain("<Code>InvalidAction.NotFound</Code>");
  });

  it("supports STS keys: the token is required and must match", async () => {
    await h.close();
    h = await harness({ accessKeys: [{ id: "STS.key", secret: "sts-secret", securityToken: "token-1" }] });
    const creds = (token?: string) => ({ accessKeyId: "STS.key", accessKeySecret: "sts-secret", securityToken: token, env: {} });
    await expect(h.clientWith({ credentials: creds("token-1") }).listMailAddresses()).resolves.toEqual([]);
    await expect(h.clientWith({ credentials: creds() }).listMailAddresses()).rejects.toThrow(/MissingSecurityToken/);
    await expect(h.clientWith({ credentials: creds("token-2") }).listMailAddresses()).rejects.toThrow(/InvalidSecurityToken.Mismatch/);
  });

  it("refuses disabled keys, actions outside the key's policy, and accounts without DirectMail", async () => {
    await h.close();
    h = await harness({
      accessKeys: [
        { id: "disabled", secret: "s1", active: false },
        { id: "read-only", secret: "s2", allowedActions: ["QueryMailAddressByParam"] },
        { id: "no-dm", secret: "s3", directMailActivated: false },
      ],
    });
    const as = (id: string, secret: string) => h.clientWith({ credentials: { accessKeyId: id, accessKeySecret: secret, env: {} } });
    const codeOf = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as DirectMailServiceError;
    const inactive = await codeOf(as("disabled", "s1").listMailAddresses());
    expect([inactive.code, inactive.httpStatus]).toEqual(["InvalidAccessKeyId.Inactive", 400]);
    await expect(as("read-only", "s2").listMailAddresses()).resolves.toEqual([]);
    const forbidden = await codeOf(as("read-only", "s2").createMailAddress({ accountName: "a@example.com", sendtype: "batch" }));
    expect([forbidden.code, forbidden.httpStatus, forbidden.kind]).toEqual(["Forbidden.RAM", 403, "auth"]);
    expect(forbidden.message).toContain("lacks a DirectMail (dm:*) permission");
    const noService = await codeOf(as("no-dm", "s3").listMailAddresses());
    expect([noService.code, noService.httpStatus]).toEqual(["InvalidUser.NotFound", 404]);
    expect(noService.message).toContain("activate DirectMail");
    expect(h.emulator.inspect.allAddresses()).toEqual([]);
  });

  it("never lets a password or secret into an error message, even when the service echoes it", async () => {
    const password = "Sup3rSECRETpw";
    const bad = h.clientWith({ credentials: { accessKeyId: h.emulator.accessKey.id, accessKeySecret: "wrong-secret", env: {} } });
    const err = (await bad.modifyMailAddress({ mailAddressId: "100001", password }).catch((e: unknown) => e)) as DirectMailServiceError;
    expect(err).toBeInstanceOf(DirectMailServiceError);
    expect(err.message).toContain("SignatureDoesNotMatch");
    // The echoed string to sign is left out of the message (it tells a user nothing) and kept, masked, for debugging.
    expect(err.message).not.toMatch(/string to sign/i);
    expect(err.serviceMessage).toContain("Password%3D***");
    expect(`${err.message}\n${err.serviceMessage}\n${err.stack}`).not.toContain(password);
    expect(err.stack).not.toContain("wrong-secret");
  });
});

describe("limits, faults and concurrency", () => {
  it("throttles beyond the documented QPS and the client's default policy rides it out", async () => {
    // Unpaced, as a client in another process sharing the account would be.
    const client = h.clientWith({ retry: DEFAULT_RETRY_POLICY, pacer: false });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.listMailAddresses()));
    expect(results).toHaveLength(12);
    const throttled = h.emulator.requests.filter((r) => r.code === "Throttling.User").length;
    expect(throttled).toBeGreaterThan(0);
  });

  it("paces itself to the documented QPS, so the same burst is never throttled", async () => {
    const before = h.emulator.requests.length;
    const pacer = new Pacer();
    const clients = [h.clientWith({ pacer }), h.clientWith({ pacer })];
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => clients[i % 2].listMailAddresses()));
    expect(results).toHaveLength(12);
    const seen = h.emulator.requests.slice(before);
    expect(seen.filter((r) => r.code === "Throttling.User")).toEqual([]);
    expect(seen).toHaveLength(12);
    // 12 queries at 5 a second, shared by both clients: at least two full windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it("gives up on persistent throttling within the deadline", async () => {
    h.emulator.faults.configure({ rates: { throttle: 1 } });
    const client = h.clientWith({ retry: { ...FAST_RETRY, deadlineMs: 500 } });
    const err = await client.listMailAddresses().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectMailRetriesExhaustedError);
  });

  it.each(["throttle", "unavailable", "internal", "drop"] as const)("retries a repeatable action through a %s fault", async (kind) => {
    h.emulator.faults.next(kind, "QueryMailAddressByParam");
    h.emulator.faults.next(kind, "QueryMailAddressByParam");
    await expect(h.client.listMailAddresses()).resolves.toEqual([]);
    expect(h.emulator.faults.injected[kind]).toBe(2);
  });

  it("does not blindly repeat a create whose answer was lost; it finds the address the lost attempt made", async () => {
    h.emulator.faults.next("commit-then-drop", "CreateMailAddress");
    const created = await h.client.createMailAddress({ accountName: "lost@example.com", sendtype: "batch" });
    expect(created.recovered).toBe(true);
    expect(h.emulator.inspect.allAddresses()).toHaveLength(1);
    expect(created.mailAddressId).toBe(String(h.emulator.inspect.allAddresses()[0].id));
    expect(h.emulator.requests.filter((r) => r.action === "CreateMailAddress").map((r) => r.code ?? r.status)).toEqual([
      "committed-then-dropped",
    ]);
  });

  it("retries a create that was throttled (it certainly did not happen)", async () => {
    h.emulator.faults.next("throttle", "CreateMailAddress");
    await h.client.createMailAddress({ accountName: "t@example.com", sendtype: "batch" });
    expect(h.emulator.inspect.allAddresses()).toHaveLength(1);
  });

  it("reuses pooled connections instead of opening one per request", async () => {
    await h.close();
    h = await harness({ rateLimits: false });
    // Measured: the second request opens one more socket, then 200 requests still use those two.
    for (let i = 0; i < 100; i++) await h.client.queryMailAddressByParam({});
    expect(h.emulator.connectionsOpened()).toBeLessThanOrEqual(2);
    await Promise.all(Array.from({ length: 4 }, () => h.client.queryMailAddressByParam({})));
    expect(h.emulator.connectionsOpened()).toBeLessThanOrEqual(5);
  });

  it("times out slow answers: retried for queries, handed back at once for a create", async () => {
    // undici's timers tick about every half second, so timeouts are second-scale here.
    h.emulator.faults.configure({ latencyMs: 2_500 });
    const slow = h.clientWith({ timeoutMs: 1_000, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    const query = await slow.queryMailAddressByParam({}).catch((e: unknown) => e);
    expect(query).toBeInstanceOf(DirectMailRetriesExhaustedError);
    expect((query as Error).message).toContain("timed out waiting for the response");
    const create = await slow.createMailAddress({ accountName: "slow@example.com", sendtype: "batch" }).catch((e: unknown) => e);
    expect(isAmbiguous(create)).toBe(true);
    expect((create as Error).message).toContain("timed out");
    h.emulator.faults.clear();
  });

  it("keeps state consistent under concurrent creates", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `c${i % 15}@example.com`);
    const results = await Promise.allSettled(names.map((accountName) => h.client.createMailAddress({ accountName, sendtype: "batch" })));
    const created = results.filter((r) => r.status === "fulfilled").length;
    expect(created).toBe(10);
    const all = h.emulator.inspect.allAddresses();
    expect(all).toHaveLength(10);
    expect(new Set(all.map((a) => a.accountName)).size).toBe(10);
    expect(new Set(all.map((a) => a.id)).size).toBe(10);
  });

  it("keeps addresses across restarts with a state file", async () => {
    const path = join(scratch, "state.json");
    const first = await startEmulator({ persistPath: path });
    const c1 = new DirectMailClient({
      endpoint: first.url,
      credentials: { accessKeyId: first.accessKey.id, accessKeySecret: first.accessKey.secret, env: {} },
    });
    await c1.createMailAddress({ accountName: "kept@example.com", sendtype: "trigger" });
    await c1.close();
    await first.stop();
    const second = await startEmulator({ persistPath: path });
    const c2 = new DirectMailClient({
      endpoint: second.url,
      credentials: { accessKeyId: second.accessKey.id, accessKeySecret: second.accessKey.secret, env: {} },
    });
    expect((await c2.listMailAddresses()).map((a) => a.accountName)).toEqual(["kept@example.com"]);
    // A second create gets a fresh id, not a reused one.
    const { mailAddressId } = await c2.createMailAddress({ accountName: "next@example.com", sendtype: "trigger" });
    expect(Number(mailAddressId)).toBeGreaterThan(100001);
    await c2.close();
    await second.stop();
  });

  it("logs one line per request and never a password", async () => {
    await h.close();
    const lines: string[] = [];
    h = await harness({ log: (l) => lines.push(l) });
    const { mailAddressId } = await h.client.createMailAddress({ accountName: "l@example.com", sendtype: "batch" });
    await h.client.modifyMailAddress({ mailAddressId, password: "L0gMeN0tPw" });
    expect(lines).toEqual(["CreateMailAddress cn-hangzhou 200", "ModifyMailAddress cn-hangzhou 200"]);
  });
});

describe("directmail-emulator command", () => {
  it("prints its URL, serves the official SDK and stops cleanly on SIGTERM", async () => {
    const bin = join(__dirname, "../../node_modules/.bin/directmail-emulator");
    const child = spawn(bin, ["--port", "0", "--domain", "cli.example.com", "--access-key", "AKID:AKSECRET", "--quiet"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await printedUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const sdk = officialSdk({ url, accessKey: { id: "AKID", secret: "AKSECRET" } });
    await sdk.createMailAddress(new $Dm.CreateMailAddressRequest({ accountName: "a@cli.example.com", sendtype: "batch" }));
    const listed = await sdk.queryMailAddressByParam(new $Dm.QueryMailAddressByParamRequest({}));
    expect(listed.body?.data?.mailAddress?.map((a) => a.accountName)).toEqual(["a@cli.example.com"]);
    const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  it("rejects a bad flag with a clear message", () => {
    const out = spawnSync(join(__dirname, "../../node_modules/.bin/directmail-emulator"), ["--throttle-rate", "2"], { encoding: "utf8" });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("--throttle-rate must be a number between 0 and 1");
  });
});
