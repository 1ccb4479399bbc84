import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { signRpcRequest } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import { NonceCache } from "../../emulator/auth";
import { scratchDir } from "../support/scratch";

/** The emulator as a product: what a careless or hostile caller cannot make it do. */

const scratch = scratchDir("hardening");

/** One signed V1 request with exactly these action parameters, as any client could send it. */
async function raw(emulator: RunningEmulator, params: Record<string, string>): Promise<{ status: number; code?: string }> {
  const signed: Record<string, string> = {
    Version: "2015-11-23",
    Format: "JSON",
    RegionId: "cn-hangzhou",
    AccessKeyId: emulator.accessKey.id,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...params,
  };
  signed.Signature = signRpcRequest("POST", signed, emulator.accessKey.secret);
  const res = await fetch(emulator.url, { method: "POST", body: new URLSearchParams(signed) });
  const body = (await res.json()) as { Code?: string };
  return { status: res.status, code: body.Code };
}

let dm: RunningEmulator;
const logged: string[] = [];
beforeAll(async () => {
  dm = await startEmulator({ domains: ["example.com"], rateLimits: false, log: (line) => logged.push(line) });
});
afterAll(() => dm.stop());

describe("dispatch", () => {
  test.each(["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__"])(
    "%s, inherited from Object.prototype, is no action",
    async (name) => {
      expect(await raw(dm, { Action: name })).toEqual({ status: 404, code: "InvalidAction.NotFound" });
    },
  );
});

describe("ids are the API's integer type", () => {
  test.each(["0x10", "1e3", "1.0", "0001", "+5", " 5", "5 ", "-1", "0", "2147483648", "abc", "５"])(
    "MailAddressId %j is refused",
    async (id) => {
      expect(await raw(dm, { Action: "DeleteMailAddress", MailAddressId: id })).toEqual({ status: 400, code: "InvalidParameter" });
    },
  );

  test.each(["0x2", "1e1", "2.0", "02"])("PageNo %j is refused", async (pageNo) => {
    expect(await raw(dm, { Action: "QueryMailAddressByParam", PageNo: pageNo })).toEqual({ status: 400, code: "InvalidParameter" });
  });

  test("a well-formed id that does not exist is the action's own not-found answer", async () => {
    expect(await raw(dm, { Action: "DeleteMailAddress", MailAddressId: "2147483647" })).toEqual({
      status: 404,
      code: "InvalidMailAddressId.Malformed",
    });
  });
});

describe("addresses are mailboxes", () => {
  test.each([
    ".lead@example.com",
    "trail.@example.com",
    "two..dots@example.com",
    `${"l".repeat(65)}@example.com`,
    "paren(s)@example.com",
    "comma,s@example.com",
    'quote"d@example.com',
    "a@-example.com",
    "a@example-.com",
    "a@exa_mple.com",
    "a@example",
    "a@@example.com",
  ])("%s is refused", async (accountName) => {
    expect(await raw(dm, { Action: "CreateMailAddress", AccountName: accountName, Sendtype: "batch" })).toEqual({
      status: 400,
      code: "InvalidMailAddressName.Malformed",
    });
  });

  test.each(["first.last+tag@example.com", "o'brien@example.com", `${"l".repeat(64)}@example.com`])(
    "%s is accepted",
    async (accountName) => {
      expect(await raw(dm, { Action: "CreateMailAddress", AccountName: accountName, Sendtype: "batch" })).toMatchObject({ status: 200 });
    },
  );
});

describe("the log", () => {
  test("cannot be forged with control characters, nor hold a value the request chose", async () => {
    await raw(dm, { Action: "Query\nFORGED 200 line", RegionId: "cn-hangzhou\r\nFORGED" });
    await raw(dm, { Action: "DeleteMailAddress", MailAddressId: "secret-looking-value" });
    const last = logged.slice(-2);
    for (const line of last) expect(line).not.toMatch(/[\r\n]|FORGED|secret-looking-value/);
    expect(last[0]).toBe("? ? 404 InvalidAction.NotFound");
  });
});

describe("bounded memory", () => {
  test("the nonce cache forgets nonces once their window has passed, without scanning the rest", () => {
    const cache = new NonceCache(1_000);
    for (let i = 0; i < 5_000; i++) expect(cache.use(`n${i}`, i % 500)).toBe(true);
    expect(cache.use("n1", 600)).toBe(false);
    expect(cache.use("late", 2_000)).toBe(true);
    expect(cache.size).toBe(1);
  });

  test("and never holds more than its capacity", () => {
    const cache = new NonceCache(60_000, 100);
    for (let i = 0; i < 1_000; i++) cache.use(`n${i}`, 1);
    expect(cache.size).toBeLessThanOrEqual(100);
  });

  test("sent mail and the request log keep only the most recent", async () => {
    const busy = await startEmulator({ domains: ["example.com"], rateLimits: false });
    for (let i = 0; i < 21_000; i++) busy.requests.push({ action: "X", region: "cn-hangzhou", status: 200, signatureVersion: "1.0" });
    await raw(busy, { Action: "QueryMailAddressByParam" });
    expect(busy.requests.length).toBeLessThanOrEqual(20_000);
    expect(busy.requests[busy.requests.length - 1].action).toBe("QueryMailAddressByParam");
    await busy.stop();
  });
});

describe("the state file", () => {
  test.each([
    ["[]", "it is not a JSON object"],
    ['{"regions": []}', '"regions" is not an object'],
    ['{"regions": {"cn-hangzhou": {"addresses": "x"}}, "tickets": []}', 'region "cn-hangzhou" has no "addresses" list'],
    ['{"regions": {}, "tickets": {}}', '"tickets" is not a list'],
  ])("%s of the wrong shape is a clear error naming the file", async (content, problem) => {
    const path = join(scratch, `shape-${randomUUID()}.json`);
    writeFileSync(path, content);
    await expect(startEmulator({ persistPath: path })).rejects.toThrow(
      `emulator state file ${path} is not an emulator state file: ${problem}`,
    );
  });

  test("a failed save leaves no change in memory that a restart would lose", async () => {
    const path = join(scratch, "unsaved.json");
    const persisted = await startEmulator({ domains: ["example.com"], persistPath: path, rateLimits: false });
    // The save writes a temporary file beside the state file, then renames it: block that file.
    const blocker = `${path}.${process.pid}.tmp`;
    mkdirSync(blocker);
    expect(await raw(persisted, { Action: "CreateMailAddress", AccountName: "unsaved@example.com", Sendtype: "batch" })).toEqual({
      status: 500,
      code: "InternalError",
    });
    expect(persisted.model.allAddresses()).toEqual([]);
    rmSync(blocker, { recursive: true });
    expect(await raw(persisted, { Action: "CreateMailAddress", AccountName: "saved@example.com", Sendtype: "batch" })).toMatchObject({
      status: 200,
    });
    expect(readFileSync(path, "utf8")).toContain("saved@example.com");
    await persisted.stop();
  });

  test("keeps no SMTP password in a form that is cheap to reverse", async () => {
    const path = join(scratch, "passwords.json");
    const persisted = await startEmulator({ domains: ["example.com"], persistPath: path, rateLimits: false });
    await raw(persisted, { Action: "CreateMailAddress", AccountName: "pw@example.com", Sendtype: "batch" });
    const id = String(persisted.model.allAddresses()[0].id);
    const password = "SAlted1234pw";
    expect(await raw(persisted, { Action: "ModifyMailAddress", MailAddressId: id, Password: password })).toMatchObject({ status: 200 });
    const saved = readFileSync(path, "utf8");
    expect(saved).not.toContain(password);
    expect(saved).not.toContain(createHash("sha256").update(password).digest("hex"));
    expect(saved).toMatch(/"passwordHash": "scrypt\$/);
    // The salted record still knows the current password.
    expect(await raw(persisted, { Action: "ModifyMailAddress", MailAddressId: id, Password: password })).toMatchObject({ status: 400 });
    await persisted.stop();
  });
});

describe("the command's options", () => {
  const cli = join(__dirname, "../../node_modules/.bin/directmail-emulator");
  test.each([
    [["--address-limit", "ten"], '--address-limit must be a whole number (0 or more), not "ten"'],
    [["--monthly-delete-limit=-1"], "--monthly-delete-limit must be a whole number"],
    [["--port", "8o80"], "--port must be a whole number"],
    [["--seed", "1.5"], "--seed must be a whole number"],
    [["--latency-ms", "50-10"], "--latency-ms must be N or MIN-MAX"],
    [["--throttle-rate", "lots"], "--throttle-rate must be a number between 0 and 1"],
  ])("%j is refused before anything starts", (args, message) => {
    const out = spawnSync(cli, args, { encoding: "utf8", timeout: 10_000 });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe("");
  });
});
