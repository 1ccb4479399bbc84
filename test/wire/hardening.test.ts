import { createHash } from "node:crypto";
import fs, { readFileSync } from "node:fs";
import { join } from "node:path";
import { RunningEmulator, startEmulator } from "../../emulator";
import { NonceCache } from "../../emulator/gateway/auth";
import { rawCode } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/** The emulator as a product: what a careless or hostile caller cannot make it do. */

const scratch = scratchDir("hardening");

let dm: RunningEmulator;
const logged: string[] = [];
beforeAll(async () => {
  dm = await startEmulator({ domains: ["example.com"], rateLimits: false, log: (line) => logged.push(line) });
});
afterAll(() => dm.stop());

/** The refusals themselves are rows of the bad-input matrix (test/wire/badInput/); here, what goes with them. */

describe("ids are the API's integer type", () => {
  test("a well-formed id that does not exist is the action's own not-found answer", async () => {
    expect(await rawCode(dm, { Action: "DeleteMailAddress", MailAddressId: "2147483647" })).toEqual({
      status: 404,
      code: "InvalidMailAddressId.Malformed",
    });
  });
});

describe("addresses are mailboxes", () => {
  test.each(["first.last+tag@example.com", "o'brien@example.com", `${"l".repeat(64)}@example.com`])(
    "%s is accepted",
    async (accountName) => {
      expect(await rawCode(dm, { Action: "CreateMailAddress", AccountName: accountName, Sendtype: "batch" })).toMatchObject({
        status: 200,
      });
    },
  );
});

describe("the log", () => {
  test("cannot be forged with control characters, nor hold a value the request chose", async () => {
    await rawCode(dm, { Action: "Query\nFORGED 200 line", RegionId: "cn-hangzhou\r\nFORGED" });
    await rawCode(dm, { Action: "DeleteMailAddress", MailAddressId: "secret-looking-value" });
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
    await rawCode(busy, { Action: "QueryMailAddressByParam" });
    expect(busy.requests.length).toBeLessThanOrEqual(20_000);
    expect(busy.requests[busy.requests.length - 1].action).toBe("QueryMailAddressByParam");
    await busy.stop();
  });
});

describe("the state file", () => {
  test("a failed save leaves no change in memory that a restart would lose", async () => {
    const path = join(scratch, "unsaved.json");
    const persisted = await startEmulator({ domains: ["example.com"], persistPath: path, rateLimits: false });
    // The save writes a temporary file beside the state file, then renames it: that rename fails once.
    const rename = jest.spyOn(fs, "renameSync").mockImplementationOnce(() => {
      throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
    });
    try {
      expect(await rawCode(persisted, { Action: "CreateMailAddress", AccountName: "unsaved@example.com", Sendtype: "batch" })).toEqual({
        status: 503,
        code: "EmulatorStateFile.Unusable",
      });
    } finally {
      rename.mockRestore();
    }
    expect(persisted.inspect.allAddresses()).toEqual([]);
    expect(await rawCode(persisted, { Action: "CreateMailAddress", AccountName: "saved@example.com", Sendtype: "batch" })).toMatchObject({
      status: 200,
    });
    expect(readFileSync(path, "utf8")).toContain("saved@example.com");
    await persisted.stop();
  });

  test("keeps no SMTP password in a form that is cheap to reverse", async () => {
    const path = join(scratch, "passwords.json");
    const persisted = await startEmulator({ domains: ["example.com"], persistPath: path, rateLimits: false });
    await rawCode(persisted, { Action: "CreateMailAddress", AccountName: "pw@example.com", Sendtype: "batch" });
    const id = String(persisted.inspect.allAddresses()[0].id);
    const password = "SAlted1234pw";
    expect(await rawCode(persisted, { Action: "ModifyMailAddress", MailAddressId: id, Password: password })).toMatchObject({ status: 200 });
    const saved = readFileSync(path, "utf8");
    expect(saved).not.toContain(password);
    expect(saved).not.toContain(createHash("sha256").update(password).digest("hex"));
    expect(saved).toMatch(/"passwordHash": "scrypt\$/);
    // The salted record still knows the current password.
    expect(await rawCode(persisted, { Action: "ModifyMailAddress", MailAddressId: id, Password: password })).toMatchObject({ status: 400 });
    await persisted.stop();
  });
});
