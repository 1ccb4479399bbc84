import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ClientOptions, CredentialsNotFoundError, DirectMailClient, DirectMailServiceError, EndpointError } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import { ClientPool } from "../../provider/config/clientPool";
import { MailAddressRuntime } from "../../provider/resources/mailAddress/runtime";
import type { MailAddressInputs } from "../../provider/resources/mailAddress/schema";
import { MailDomainRuntime } from "../../provider/resources/mailDomain/runtime";
import { NotifyUrlRuntime } from "../../provider/resources/notifyUrl/runtime";
import { readSettings } from "../../provider/config/settings";
import { rawCode, rawRequest } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/**
 * The bad-input matrix: the ways a caller can get input wrong, one table across
 * every layer that must refuse it (the provider's `check`, the client, the
 * emulator's wire, its command line and its state file), each row with the exact
 * answer: the property and the rule, or the code and status, and nothing created.
 */

type Loose = Record<string, unknown>;
type ErrorClass = typeof CredentialsNotFoundError | typeof EndpointError | typeof DirectMailServiceError;

type Case =
  | { layer: "check"; resource: "MailAddress" | "MailAddressNotifyUrl" | "MailDomain"; inputs: Loose; property: string; reason: string }
  | { layer: "emulator"; params: Record<string, string>; status: number; code: string }
  | { layer: "client"; options: Partial<ClientOptions>; call: (c: DirectMailClient) => Promise<unknown>; error: string; type: ErrorClass }
  | { layer: "emulator CLI"; args: string[]; message: string }
  | { layer: "state file"; content: string; problem: string };

const mailbox = (accountName: string): Loose => ({ accountName, sendtype: "batch" });

/** Rows of `check` cases: the inputs, the property the failure is filed against, and words of its reason. */
const checkRows = (resource: "MailAddress" | "MailAddressNotifyUrl" | "MailDomain", rows: Array<[Loose, string, string]>): Case[] =>
  rows.map(([inputs, property, reason]) => ({ layer: "check", resource, inputs, property, reason }));

/** Rows of raw requests to the emulator: the parameters, and the status and code it must answer. */
const wireRows = (rows: Array<[Record<string, string>, number, string]>): Case[] =>
  rows.map(([params, status, code]) => ({ layer: "emulator", params, status, code }));

const CHECK = checkRows("MailAddress", [
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
  [{ accountName: "a@example.com" }, "sendtype", "sendtype is required"],
  [{ accountName: 42, sendtype: "batch" }, "accountName", "accountName must be a string, not number"],
  [{ ...mailbox("a@example.com"), sendtype: "Batch " }, "sendtype", `must be one of "batch", "trigger"`],
  [{ ...mailbox("a@example.com"), adopt: 1 }, "adopt", "true or false"],
  [{ ...mailbox("a@example.com"), password: 987654321 }, "", "password must be a string, not number"],
  [{ ...mailbox("a@example.com"), password: "short1A" }, "", "password must be 10 to 20 characters long (it has 7)"],
  [{ ...mailbox("a@example.com"), password: "ABCDEFGH12" }, "", "password must contain at least 2 lower-case letters"],
  [{ ...mailbox("a@example.com"), password: "ABcdefghij" }, "", "password must contain at least 2 digits"],
  [{ ...mailbox("a@example.com"), replyAddress: `r@${"d".repeat(64)}.org` }, "replyAddress", "invalid domain"],
]);

const NOTIFY_CHECK = checkRows("MailAddressNotifyUrl", [
  [{ notifyUrl: "https://h.example.com/x" }, "mailFrom", "mailFrom is required"],
  [{ mailFrom: "a@example.com" }, "notifyUrl", "notifyUrl is required"],
  [{ mailFrom: "nope", notifyUrl: "https://h.example.com/x" }, "mailFrom", "exactly one @"],
  [{ mailFrom: "a@example.com", notifyUrl: "ftp://x" }, "notifyUrl", "notifyUrl must use http or https, not ftp"],
  [{ mailFrom: "a@example.com", notifyUrl: "not a url" }, "notifyUrl", "must be an absolute URL"],
  [{ mailFrom: "a@example.com", notifyUrl: `https://h.example.com/${"p".repeat(520)}` }, "notifyUrl", "at most 512 characters"],
  [{ mailFrom: "a@example.com", notifyUrl: "https://h.example.com/x", region: "mars-1" }, "region", "not a DirectMail region"],
]);

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

const DOMAIN_CHECK = checkRows("MailDomain", [
  [{}, "domainName", "domainName is required"],
  [{ domainName: "localhost" }, "domainName", "is not a domain name"],
  [{ domainName: "under_score.example.com" }, "domainName", "may hold only letters, digits, dots and hyphens"],
  [{ domainName: `${"a".repeat(45)}.example.com` }, "domainName", "must be at most 50 characters (it has 57)"],
  [{ domainName: "-lead.example.com" }, "domainName", "is not a domain name"],
  [{ domainName: "mail.example.com", dkimSelector: "-sel" }, "dkimSelector", "may hold only letters, digits and inner hyphens"],
  [{ domainName: "mail.example.com", dkimSelector: "s".repeat(61) }, "dkimSelector", "must be at most 60 characters (it has 61)"],
  [{ domainName: "mail.example.com", dkimSelector: "a.b" }, "dkimSelector", "may hold only letters, digits and inner hyphens"],
  [
    { domainName: "mail.example.com", waitForVerification: true },
    "waitForVerification",
    "must be an object such as { timeoutMinutes: 30 }",
  ],
  [
    { domainName: "mail.example.com", waitForVerification: { timeoutMinutes: 0 } },
    "waitForVerification",
    "timeoutMinutes must be more than 0 and at most 2880, not 0",
  ],
  [{ domainName: "mail.example.com", waitForVerification: { timeoutMinutes: "10" } }, "waitForVerification", 'not "10"'],
  [
    { domainName: "mail.example.com", waitForVerification: { timeout: 10 } },
    "waitForVerification",
    'has no setting "timeout"; it takes timeoutMinutes',
  ],
  [{ domainName: "mail.example.com", region: "cn-beijing" }, "region", "not a DirectMail region"],
  [{ domainName: "mail.example.com", adopt: "yes" }, "adopt", "true or false"],
]);

const DOMAIN_WIRE = wireRows([
  [{ Action: "CreateDomain" }, 400, "MissingDomainName"],
  [{ Action: "CreateDomain", DomainName: "localhost" }, 400, "InvalidDomainName.Malformed"],
  [{ Action: "CreateDomain", DomainName: "a_b.example.com" }, 400, "InvalidDomainName.Malformed"],
  [{ Action: "CreateDomain", DomainName: `${"a".repeat(45)}.example.com` }, 400, "InvalidDomainName.Malformed"],
  [{ Action: "CreateDomain", DomainName: "example.com" }, 400, "InvalidDomainName.Duplicate"],
  [{ Action: "CreateDomain", DomainName: "ok.example.net", dkimSelector: "bad_selector" }, 400, "InvalidParameter"],
  [{ Action: "DescDomain", DomainId: "2147483647" }, 404, "InvalidDomainId.NotFound"],
  [{ Action: "DescDomain", DomainId: "0x10" }, 400, "InvalidParameter"],
  [{ Action: "DescDomain" }, 400, "MissingDomainId"],
  [{ Action: "CheckDomain", DomainId: "2147483647" }, 404, "InvalidDomainId.NotFound"],
  [{ Action: "DeleteDomain", DomainId: "2147483647" }, 404, "InvalidDomainId.NotFound"],
  [{ Action: "QueryDomainByParam", Status: "9" }, 400, "InvalidParameter"],
  [{ Action: "QueryDomainByParam", KeyWord: "k".repeat(51) }, 400, "InvalidParameter"],
  [
    { Action: "CreateMailAddress", AccountName: "a@unverified.example.com", Sendtype: "batch" },
    400,
    "InvalidMailAddressDomainStatus.Malformed",
  ],
]);

/** `{id}` in a parameter stands for an existing address with no reply address. */
const EMULATOR_MORE = wireRows([
  [{ Action: "CreateMailAddress", Sendtype: "batch" }, 400, "MissingAccountName"],
  [{ Action: "CreateMailAddress", AccountName: "m@example.com" }, 400, "MissingSendtype"],
  [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "bulk" }, 400, "InvalidMailAddressSendType.Malformed"],
  [{ Action: "CreateMailAddress", AccountName: "m@other.org", Sendtype: "batch" }, 400, "InvalidMailAddressDomain.Malformed"],
  [
    {
      Action: "CreateMailAddress",
      AccountName: `${"l".repeat(60)}@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(10)}.com`,
      Sendtype: "batch",
    },
    400,
    "EmailLengthError",
  ],
  [
    { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", ReplyAddress: "nope" },
    400,
    "InvalidReplyAddress.Malformed",
  ],
  [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Version: "2017-06-22" }, 400, "InvalidVersion"],
  [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Format: "YAML" }, 400, "InvalidParameter.Format"],
  [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", RegionId: "mars-1" }, 400, "InvalidParameter"],
  [
    { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", AccessKeyId: "nobody" },
    404,
    "InvalidAccessKeyId.NotFound",
  ],
  [
    { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", SignatureMethod: "HMAC-SHA256" },
    400,
    "InvalidSignatureMethod",
  ],
  [{ Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", SignatureVersion: "2.0" }, 400, "IncompleteSignature"],
  [
    { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Timestamp: "yesterday" },
    400,
    "InvalidTimeStamp.Format",
  ],
  [
    { Action: "CreateMailAddress", AccountName: "m@example.com", Sendtype: "batch", Timestamp: "2020-01-01T00:00:00Z" },
    400,
    "InvalidTimeStamp.Expired",
  ],
  [{ Action: "QueryMailAddressByParam", KeyWord: "k".repeat(61) }, 400, "InvalidParameter"],
  [{ Action: "QueryMailAddressByParam", PageSize: "0" }, 400, "InvalidParameter"],
  [{ Action: "QueryMailAddressByParam", Sendtype: "bulk" }, 400, "InvalidMailAddressSendType.Malformed"],
  [{ Action: "ModifyMailAddress", MailAddressId: "{id}", Password: "short1A" }, 400, "InvalidPassword.Malformed"],
  [{ Action: "ModifyMailAddress", MailAddressId: "{id}", Password: "alllowercase12" }, 400, "InvalidPassword.Malformed"],
  [{ Action: "ModifyMailAddress", MailAddressId: "{id}", Password: "ABcdefghijklmnopqrs12" }, 400, "InvalidPassword.Malformed"],
  [{ Action: "ModifyMailAddress", MailAddressId: "{id}", ReplyAddress: "nope" }, 400, "InvalidReplyAddress.Malformed"],
  [{ Action: "ModifyMailAddress", MailAddressId: "2147483647", ReplyAddress: "r@example.org" }, 404, "InvalidMailAddressId.Malformed"],
  [{ Action: "CheckReplyToMailAddress", MailAddressId: "{id}" }, 400, "InvalidReplyAddress.NotSet"],
  [{ Action: "ApproveReplyMailAddress", Ticket: "not-a-ticket" }, 404, "InvalidTicket.NotFound"],
  [{ Action: "ApproveReplyMailAddress" }, 400, "MissingTicket"],
  [{ Action: "UpdateMailAddressMsgCallBackUrl", MailFrom: "base@example.com", NotifyUrl: "ftp://x" }, 400, "InvalidNotifyUrl.Malformed"],
  [
    { Action: "UpdateMailAddressMsgCallBackUrl", MailFrom: "nobody@example.com", NotifyUrl: "https://h.example.com/x" },
    404,
    "InvalidMailAddress.NotFound",
  ],
  [{ Action: "GetMailAddressMsgCallBackUrl", MailFrom: "nobody@example.com" }, 404, "InvalidMailAddress.NotFound"],
]);

const CLIENT: Case[] = [
  {
    options: { region: "cn-beijing", endpoint: undefined },
    error: 'region "cn-beijing" has no known DirectMail endpoint',
    type: EndpointError,
  },
  { options: { endpoint: "http://dm.example.com" }, error: "uses plain http", type: EndpointError },
  { options: { endpoint: "ftp://dm.example.com" }, error: "must use https", type: EndpointError },
  { options: { endpoint: "http://user:hunter2@dm.example.com" }, error: "uses plain http", type: EndpointError },
  {
    options: { credentials: { accessKeyId: "only-the-id", env: {} } },
    error: "explicit credentials are incomplete: set both directmail:accessKeyId and directmail:accessKeySecret (only accessKeyId is set)",
    type: CredentialsNotFoundError,
  },
  {
    options: { credentials: { env: {}, profileFile: "/nonexistent/config.json" } },
    error: "no DirectMail credentials found. Looked in:",
    type: CredentialsNotFoundError,
  },
  {
    options: { credentials: { accessKeyId: "{key}", accessKeySecret: "wrong-secret-4242", env: {} } },
    error: "SignatureDoesNotMatch",
    type: DirectMailServiceError,
  },
].map((c): Case => ({ layer: "client", call: (client) => client.listMailAddresses(), ...c }));

const CLI: Case[] = (
  [
    [["--address-limit", "ten"], '--address-limit must be a whole number (0 or more), not "ten"'],
    [["--monthly-delete-limit=-1"], "--monthly-delete-limit must be a whole number"],
    [["--port", "8o80"], "--port must be a whole number"],
    [["--seed", "1.5"], "--seed must be a whole number"],
    [["--latency-ms", "50-10"], "--latency-ms must be N or MIN-MAX"],
    [["--throttle-rate", "lots"], "--throttle-rate must be a number between 0 and 1"],
    [["--drop-rate", "1.5"], "--drop-rate must be a number between 0 and 1"],
    [["--access-key", "no-colon"], "--access-key must be ID:SECRET"],
    [["--access-key", "id:"], "--access-key must be ID:SECRET"],
    [["--dialect", "passwordRepeat=sometimes"], "--dialect passwordRepeat must be one of equalcurrent, malformed, domain"],
    [["--no-such-option"], "Unknown option '--no-such-option'"],
  ] as Array<[string[], string]>
).map(([args, message]) => ({ layer: "emulator CLI", args, message }));

const STATE_FILE: Case[] = [
  ["[]", "it is not a JSON object"],
  ['{"regions": []}', '"regions" is not an object'],
  ['{"regions": {"cn-hangzhou": {"addresses": "x"}}, "tickets": []}', 'region "cn-hangzhou" has no "addresses" list'],
  ['{"regions": {}, "tickets": {}}', '"tickets" is not a list'],
  ["null", "it is not a JSON object"],
  ['{"tickets": []}', '"regions" is not an object'],
  [
    '{"regions": {"cn-hangzhou": {"addresses": [], "notifyUrls": {}, "deletions": {}, "domains": [{"id": "1"}]}}, "tickets": []}',
    'region "cn-hangzhou" has a "domains" entry that is not a list of domains',
  ],
].map(([content, problem]): Case => ({ layer: "state file", content, problem }));

const CASES: readonly Case[] = [
  ...CHECK,
  ...NOTIFY_CHECK,
  ...DOMAIN_CHECK,
  ...EMULATOR,
  ...EMULATOR_MORE,
  ...DOMAIN_WIRE,
  ...CLIENT,
  ...CLI,
  ...STATE_FILE,
];

test("the matrix holds at least 80 cases, in every layer", () => {
  const byLayer: Record<string, number> = {};
  for (const c of CASES) byLayer[c.layer] = (byLayer[c.layer] ?? 0) + 1;
  expect(CASES.length).toBeGreaterThanOrEqual(80);
  expect(Object.keys(byLayer).sort()).toEqual(["check", "client", "emulator", "emulator CLI", "state file"]);
});

// ---- how each layer is asked ----------------------------------------------------------

const scratch = scratchDir("bad-input");
const pool = new ClientPool(readSettings((key) => (key === "directmail:region" ? "ap-southeast-1" : undefined), {}));
const runtimes = {
  MailAddress: new MailAddressRuntime(() => pool),
  MailAddressNotifyUrl: new NotifyUrlRuntime(() => pool),
  MailDomain: new MailDomainRuntime(() => pool),
};

let dm: RunningEmulator;
let existingId: string;
beforeAll(async () => {
  dm = await startEmulator({ domains: ["example.com"], unverifiedDomains: ["unverified.example.com"], rateLimits: false });
  const created = await rawRequest(dm, { Action: "CreateMailAddress", AccountName: "base@example.com", Sendtype: "batch" });
  existingId = String(created.body.MailAddressId);
});
afterAll(() => dm.stop());

const named = (c: Case): string => {
  switch (c.layer) {
    case "check":
      return `${c.resource} ${JSON.stringify(c.inputs).slice(0, 80)} → ${c.property}`;
    case "emulator":
      return `${JSON.stringify(c.params).slice(0, 80)} → ${c.code}`;
    case "client":
      return `${JSON.stringify(c.options).replace(/hunter2|wrong-secret-4242/g, "…")} → ${c.type.name}`;
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
      const before = JSON.stringify([dm.inspect.allAddresses(), dm.inspect.snapshot().regions]);
      const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, v === "{id}" ? existingId : v]));
      expect(await rawCode(dm, params)).toEqual({ status: c.status, code: c.code });
      // Refused means refused: nothing created or changed.
      expect(JSON.stringify([dm.inspect.allAddresses(), dm.inspect.snapshot().regions])).toBe(before);
      return;
    }
    case "client": {
      const requestsBefore = dm.requests.length;
      const credentials = c.options.credentials;
      const options: Partial<ClientOptions> = {
        endpoint: dm.url,
        ...c.options,
        credentials: credentials?.accessKeyId === "{key}" ? { ...credentials, accessKeyId: dm.accessKey.id } : credentials,
      };
      const err = await (async () => {
        const client = new DirectMailClient({ retry: { maxAttempts: 1 }, pacer: false, retryBudget: false, ...options });
        try {
          return await c.call(client);
        } finally {
          await client.close();
        }
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(c.type);
      expect(String(err)).toContain(c.error);
      // No secret in the message, and nothing reaches the service unless it had to (a wrong secret is only found there).
      expect(String(err)).not.toMatch(/hunter2|wrong-secret-4242/);
      if (c.type !== DirectMailServiceError) expect(dm.requests.length).toBe(requestsBefore);
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
