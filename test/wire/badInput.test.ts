import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RunningEmulator, startEmulator } from "../../emulator";
import { ClientPool } from "../../provider/clientPool";
import { MailAddressRuntime } from "../../provider/mailAddressRuntime";
import type { MailAddressInputs } from "../../provider/mailAddressSchema";
import { NotifyUrlRuntime } from "../../provider/notifyUrlRuntime";
import { readSettings } from "../../provider/settings";
import { rawCode } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/**
 * The bad-input matrix: the ways a caller can get input wrong, one table across
 * every layer that must refuse it (the provider's `check`, the client, the
 * emulator's wire, its command line and its state file), each row with the exact
 * answer: the property and the rule, or the code and status, and nothing created.
 */

type Loose = Record<string, unknown>;

type Case =
  | { layer: "check"; resource: "MailAddress" | "MailAddressNotifyUrl"; inputs: Loose; property: string; reason: string }
  | { layer: "emulator"; params: Record<string, string>; status: number; code: string }
  | { layer: "emulator CLI"; args: string[]; message: string }
  | { layer: "state file"; content: string; problem: string };

const mailbox = (accountName: string): Loose => ({ accountName, sendtype: "batch" });

const CHECK: Case[] = (
  [
    [{ sendtype: "batch" }, "accountName", "accountName is required"],
    [mailbox("no-at-sign"), "accountName", "exactly one @"],
    [mailbox("a@b@example.com"), "accountName", "exactly one @"],
    [mailbox("@example.com"), "accountName", "part before the @"],
    [mailbox("a@localhost"), "accountName", "invalid domain"],
    [mailbox("a b@example.com"), "accountName", "spaces"],
    [mailbox(`${"x".repeat(190)}@example.com`), "accountName", "at most 192"],
    [{ accountName: "a@example.com", sendtype: "bulk" }, "sendtype", `must be one of "batch", "trigger", not "bulk"`],
    [{ ...mailbox("a@example.com"), region: "cn-beijing" }, "region", "not a DirectMail region"],
    [{ ...mailbox("a@example.com"), replyAddress: "nope" }, "replyAddress", "exactly one @"],
    [{ ...mailbox("a@example.com"), adopt: "yes" }, "adopt", "true or false"],
    [{ ...mailbox("a@example.com"), verifyReplyAddress: true }, "verifyReplyAddress", "needs replyAddress"],
    [{ ...mailbox("a@example.com"), verificationLanguage: "fr" }, "verificationLanguage", `"en", "zh"`],
    [mailbox(".lead@example.com"), "accountName", "nor have two dots in a row"],
    [mailbox("two..dots@example.com"), "accountName", "nor have two dots in a row"],
    [mailbox(`${"l".repeat(65)}@example.com`), "accountName", "at most 64 characters before the @ (it has 65)"],
    [mailbox("paren(s)@example.com"), "accountName", `must not have "(" before the @`],
    [mailbox("a@-example.com"), "accountName", "invalid domain"],
    [mailbox("a@exa_mple.com"), "accountName", "invalid domain"],
    [{ ...mailbox("a@example.com"), replyAddress: "trail.@example.org" }, "replyAddress", "nor have two dots"],
  ] as Array<[Loose, string, string]>
).map(([inputs, property, reason]) => ({ layer: "check", resource: "MailAddress", inputs, property, reason }));

const EMULATOR: Case[] = [
  ...["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__"].map((name): Case => ({
    layer: "emulator",
    params: { Action: name },
    status: 404,
    code: "InvalidAction.NotFound",
  })),
  ...["0x10", "1e3", "1.0", "0001", "+5", " 5", "5 ", "-1", "0", "2147483648", "abc", "５"].map((id): Case => ({
    layer: "emulator",
    params: { Action: "DeleteMailAddress", MailAddressId: id },
    status: 400,
    code: "InvalidParameter",
  })),
  ...["0x2", "1e1", "2.0", "02"].map((pageNo): Case => ({
    layer: "emulator",
    params: { Action: "QueryMailAddressByParam", PageNo: pageNo },
    status: 400,
    code: "InvalidParameter",
  })),
  ...[
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
  ].map((accountName): Case => ({
    layer: "emulator",
    params: { Action: "CreateMailAddress", AccountName: accountName, Sendtype: "batch" },
    status: 400,
    code: "InvalidMailAddressName.Malformed",
  })),
];

const CLI: Case[] = (
  [
    [["--address-limit", "ten"], '--address-limit must be a whole number (0 or more), not "ten"'],
    [["--monthly-delete-limit=-1"], "--monthly-delete-limit must be a whole number"],
    [["--port", "8o80"], "--port must be a whole number"],
    [["--seed", "1.5"], "--seed must be a whole number"],
    [["--latency-ms", "50-10"], "--latency-ms must be N or MIN-MAX"],
    [["--throttle-rate", "lots"], "--throttle-rate must be a number between 0 and 1"],
  ] as Array<[string[], string]>
).map(([args, message]) => ({ layer: "emulator CLI", args, message }));

const STATE_FILE: Case[] = [
  ["[]", "it is not a JSON object"],
  ['{"regions": []}', '"regions" is not an object'],
  ['{"regions": {"cn-hangzhou": {"addresses": "x"}}, "tickets": []}', 'region "cn-hangzhou" has no "addresses" list'],
  ['{"regions": {}, "tickets": {}}', '"tickets" is not a list'],
].map(([content, problem]) => ({ layer: "state file", content, problem }));

const CASES: readonly Case[] = [...CHECK, ...EMULATOR, ...CLI, ...STATE_FILE];

// ---- how each layer is asked ----------------------------------------------------------

const scratch = scratchDir("bad-input");
const pool = new ClientPool(readSettings((key) => (key === "directmail:region" ? "ap-southeast-1" : undefined), {}));
const runtimes = { MailAddress: new MailAddressRuntime(() => pool), MailAddressNotifyUrl: new NotifyUrlRuntime(() => pool) };

let dm: RunningEmulator;
beforeAll(async () => {
  dm = await startEmulator({ domains: ["example.com"], rateLimits: false });
});
afterAll(() => dm.stop());

const named = (c: Case): string => {
  switch (c.layer) {
    case "check":
      return `${c.resource} ${JSON.stringify(c.inputs).slice(0, 80)} → ${c.property}`;
    case "emulator":
      return `${JSON.stringify(c.params).slice(0, 80)} → ${c.code}`;
    case "emulator CLI":
      return c.args.join(" ");
    case "state file":
      return c.content;
  }
};

test.each(CASES.map((c) => [`${c.layer}: ${named(c)}`, c] as const))("%s", async (_name, c) => {
  switch (c.layer) {
    case "check": {
      const r = await runtimes[c.resource].check({} as never, c.inputs as unknown as MailAddressInputs & never);
      expect(r.inputs).toBeUndefined();
      expect(r.failures).toEqual(
        expect.arrayContaining([expect.objectContaining({ property: c.property, reason: expect.stringContaining(c.reason) })]),
      );
      return;
    }
    case "emulator": {
      const before = dm.model.allAddresses().length;
      expect(await rawCode(dm, c.params)).toEqual({ status: c.status, code: c.code });
      expect(dm.model.allAddresses()).toHaveLength(before);
      return;
    }
    case "emulator CLI": {
      const cli = join(__dirname, "../../node_modules/.bin/directmail-emulator");
      const out = spawnSync(cli, c.args, { encoding: "utf8", timeout: 10_000 });
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(c.message);
      expect(out.stdout).toBe("");
      return;
    }
    case "state file": {
      const path = join(scratch, `shape-${randomUUID()}.json`);
      writeFileSync(path, c.content);
      await expect(startEmulator({ persistPath: path })).rejects.toThrow(
        `emulator state file ${path} is not an emulator state file: ${c.problem}`,
      );
      return;
    }
  }
});
