import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { DirectMailClient, PasswordRefusedError } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import type { Dialect } from "../../emulator/dialect";
import { rawRequest } from "../support/rawRequest";
import { clientOf } from "../support/emulator";

/**
 * Each plausible variant of what the docs leave open, spoken by the emulator,
 * read correctly by the client.
 */

async function withEmulator(
  dialect: Partial<Dialect>,
  use: (dm: RunningEmulator, client: DirectMailClient) => Promise<void>,
  limits = false,
) {
  const dm = await startEmulator({ domains: ["example.com"], dialect, rateLimits: limits ? undefined : false, addressLimit: 100 });
  const client = clientOf(dm, { pacer: false });
  try {
    await use(dm, client);
  } finally {
    await client.close();
    await dm.stop();
  }
}

test.each([
  ["equalcurrent", "InvalidPassword.equalcurrent"],
  ["malformed", "InvalidPassword.Malformed"],
  ["domain", "InvalidDomainPassword.equalcurrent"],
] as const)("passwordRepeat=%s refuses a repeated password with %s, and the client reads it right", async (passwordRepeat, code) => {
  await withEmulator({ passwordRepeat }, async (dm, client) => {
    const { mailAddressId } = await client.createMailAddress({ accountName: "pw@example.com", sendtype: "batch" });
    await client.modifyMailAddress({ mailAddressId, password: "REpeated123" });
    const repeat = await client.modifyMailAddress({ mailAddressId, password: "REpeated123" }).catch((e: Error) => e);
    expect(dm.requests.filter((r) => r.action === "ModifyMailAddress").map((r) => r.code ?? r.status)).toEqual([200, code]);
    if (passwordRepeat === "malformed") {
      // Without a lost answer nothing says this run set it: reported, claiming no broken rule.
      expect(repeat).toBeInstanceOf(PasswordRefusedError);
      expect(String(repeat)).toContain("keeps every documented password rule");
    } else {
      // The service says it already has this password: that is the goal met.
      expect(repeat).toBeUndefined();
    }
  });
});

test("numbers=strings: ids, statuses and counts arrive as strings, and the client reads them the same", async () => {
  await withEmulator({ numbers: "strings" }, async (dm, client) => {
    await client.createMailAddress({ accountName: "s@example.com", sendtype: "trigger" });
    const body = (await rawRequest(dm, { Action: "QueryMailAddressByParam" })).body;
    const item = (body.data as { mailAddress: Array<Record<string, unknown>> }).mailAddress[0];
    expect(typeof item.MailAddressId).toBe("string");
    expect(typeof item.AccountStatus).toBe("string");
    expect(typeof body.TotalCount).toBe("string");
    const [record] = await client.listMailAddresses();
    expect(record).toMatchObject({
      accountName: "s@example.com",
      accountStatus: 0,
      replyStatus: expect.any(Number),
      dailyCount: expect.any(Number),
    });
    expect(record.mailAddressId).toMatch(/^\d+$/);
  });
});

test("totalCount=absent: paging still ends, with every address", async () => {
  await withEmulator({ totalCount: "absent" }, async (dm, client) => {
    for (let i = 0; i < 7; i++) await client.createMailAddress({ accountName: `p${i}@example.com`, sendtype: "batch" });
    expect("TotalCount" in (await rawRequest(dm, { Action: "QueryMailAddressByParam" })).body).toBe(false);
    expect((await client.listMailAddresses({ pageSize: 3 })).map((a) => a.accountName).sort()).toHaveLength(7);
  });
});

test("throttleStatus=429: throttling is still recognised as throttling and ridden out", async () => {
  await withEmulator(
    { throttleStatus: 429 },
    async (dm, client) => {
      const results = await Promise.all(Array.from({ length: 12 }, () => client.listMailAddresses()));
      expect(results).toHaveLength(12);
      const throttled = dm.requests.filter((r) => r.code === "Throttling.User");
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled.every((r) => r.status === 429)).toBe(true);
    },
    true,
  );
});

test("the command takes dialect settings, and refuses unknown ones", () => {
  const cli = join(__dirname, "../../node_modules/.bin/directmail-emulator");
  const bad = spawnSync(cli, ["--dialect", "passwordRepeat=sometimes"], { encoding: "utf8", timeout: 10_000 });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("--dialect passwordRepeat must be one of equalcurrent, malformed, domain");
  const unknown = spawnSync(cli, ["--dialect", "colour=blue"], { encoding: "utf8", timeout: 10_000 });
  expect(unknown.stderr).toContain('--dialect: unknown setting "colour"');
});
