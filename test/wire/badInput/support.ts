import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ClientOptions,
  CredentialsError,
  CredentialsNotFoundError,
  DirectMailClient,
  DirectMailServiceError,
  EndpointError,
} from "../../../client";
import { RunningEmulator, startEmulator } from "../../../emulator";
import { ClientPool } from "../../../provider/config/clientPool";
import { MailAddressRuntime } from "../../../provider/resources/mailAddress/runtime";
import type { MailAddressInputs } from "../../../provider/resources/mailAddress/schema";
import { MailDomainRuntime } from "../../../provider/resources/mailDomain/runtime";
import { NotifyUrlRuntime } from "../../../provider/resources/notifyUrl/runtime";
import { ReceiverListRuntime } from "../../../provider/resources/receiverList/runtime";
import { MailTagRuntime } from "../../../provider/resources/mailTag/runtime";
import { MailDomainVerificationRuntime } from "../../../provider/resources/mailDomainVerification/runtime";
import { readSettings } from "../../../provider/config/settings";
import { credentialServices } from "../../support/credentials";
import { rawCode, rawRequest } from "../../support/rawRequest";
import { scratchDir } from "../../support/scratch";
import { plainLogin, SmtpSession } from "../../support/smtpSession";

/**
 * The bad-input matrix: the ways a caller can get input wrong, one table per API
 * area (`<area>.cases.ts`) across every layer that must refuse it (the provider's
 * `check`, the client, the emulator's wire, its command line and its state file),
 * each row with the exact answer: the property and the rule, or the code and
 * status, and nothing created. `runMatrix` asks each layer; `matrix.test.ts`
 * holds the whole table to its size and layers.
 */

export type Loose = Record<string, unknown>;
type ErrorClass = typeof CredentialsNotFoundError | typeof CredentialsError | typeof EndpointError | typeof DirectMailServiceError;

/** The resources whose `check` the matrix asks, by name. */
const pool = new ClientPool(readSettings((key) => (key === "directmail:region" ? "ap-southeast-1" : undefined), {}));
const runtimes = {
  MailAddress: new MailAddressRuntime(() => pool),
  MailAddressNotifyUrl: new NotifyUrlRuntime(() => pool),
  MailDomain: new MailDomainRuntime(() => pool),
  ReceiverList: new ReceiverListRuntime(() => pool),
  MailTag: new MailTagRuntime(() => pool),
  MailDomainVerification: new MailDomainVerificationRuntime(() => pool),
};
export type CheckedResource = keyof typeof runtimes;

export type Case =
  | { layer: "check"; resource: CheckedResource; inputs: Loose; property: string; reason: string }
  | { layer: "emulator"; params: Record<string, string>; status: number; code: string }
  | {
      layer: "client";
      options: Partial<ClientOptions>;
      call: (c: DirectMailClient) => Promise<unknown>;
      error: string;
      type: ErrorClass;
      /** Files the case needs (a profile file, a token file), written before it runs; `{file:NAME}` in its options is the path. */
      files?: Record<string, string>;
    }
  | { layer: "emulator CLI"; args: string[]; message: string }
  | { layer: "state file"; content: string; problem: string }
  | {
      layer: "smtp";
      name: string;
      /** Commands (or a DATA body) after EHLO; `{login}` is AUTH PLAIN as the sender with its password. */
      steps: string[];
      /** The reply code to the last step. */
      code: number;
      /** When the last step is accepted: the recipients the kept message has (the envelope's, whatever the headers say). */
      storedTo?: string[];
      /** Messages accepted before the last step (a flood). Default 0. */
      acceptedBefore?: number;
    };

/** The SMTP sender of the matrix's SMTP rows, and its SMTP password. */
export const SMTP_SENDER = { accountName: "smtp@example.com", password: "SmtpMatrix123" };
/** The matrix's SMTP limits: small, so that a flood and an oversized message are cheap to send. */
export const SMTP_LIMITS = { maxMessageBytes: 64 * 1024, rateLimit: { limit: 3, windowMs: 60_000 } };

export const mailbox = (accountName: string): Loose => ({ accountName, sendtype: "batch" });

/** Rows of `check` cases: the inputs, the property the failure is filed against, and words of its reason. */
export const checkRows = (resource: CheckedResource, rows: Array<[Loose, string, string]>): Case[] =>
  rows.map(([inputs, property, reason]) => ({ layer: "check", resource, inputs, property, reason }));

/**
 * Rows of raw requests to the emulator: the parameters, and the status and code it must answer.
 * `{id}` in a parameter stands for an existing address with no reply address.
 */
export const wireRows = (rows: Array<[Record<string, string>, number, string]>): Case[] =>
  rows.map(([params, status, code]) => ({ layer: "emulator", params, status, code }));

/** Rows of client options the client must refuse (by default on a listing); `{key}` is the emulator's key id. */
export const clientRows = (
  rows: Array<{
    options: Partial<ClientOptions>;
    error: string;
    type: ErrorClass;
    call?: (c: DirectMailClient) => Promise<unknown>;
    files?: Record<string, string>;
  }>,
): Case[] => rows.map((c): Case => ({ layer: "client", call: (client) => client.listMailAddresses(), ...c }));

const named = (c: Case): string => {
  switch (c.layer) {
    case "check":
      return `${c.resource} ${JSON.stringify(c.inputs).slice(0, 80)} → ${c.property}`;
    case "emulator":
      return `${JSON.stringify(c.params).slice(0, 80)} → ${c.code}`;
    case "client":
      // The files too: rows that differ only in a file's content (a profile, an INI section) get names of their own.
      return `${JSON.stringify(c.options).replace(/hunter2|wrong-secret-4242/g, "…")}${c.files ? ` ${JSON.stringify(c.files)}` : ""} → ${c.type.name}`;
    case "emulator CLI":
      return c.args.join(" ");
    case "state file":
      return c.content;
    case "smtp":
      return c.name;
  }
};

/** One SMTP row, on an emulator of its own (a flood spends the rate of the whole account). */
async function runSmtpCase(c: Extract<Case, { layer: "smtp" }>): Promise<void> {
  const dm = await startEmulator({ domains: ["example.com"], rateLimits: false, smtp: SMTP_LIMITS });
  try {
    const created = await rawRequest(dm, { Action: "CreateMailAddress", AccountName: SMTP_SENDER.accountName, Sendtype: "trigger" });
    await rawRequest(dm, {
      Action: "ModifyMailAddress",
      MailAddressId: String(created.body.MailAddressId),
      Password: SMTP_SENDER.password,
    });
    const smtp = dm.smtp!;
    const { session } = await SmtpSession.open(smtp.host, smtp.port);
    let last = 0;
    try {
      expect(await session.send("EHLO matrix.example.org")).toBe(250);
      for (const step of c.steps)
        last = await session.send(step === "{login}" ? plainLogin(SMTP_SENDER.accountName, SMTP_SENDER.password) : step);
    } finally {
      session.close();
    }
    expect(last).toBe(c.code);
    const kept = await dm.inspect.messages();
    // Nothing kept that should not be: only the flood's accepted messages, and the last one if it was accepted.
    expect(kept).toHaveLength((c.acceptedBefore ?? 0) + (c.storedTo ? 1 : 0));
    if (c.storedTo) expect(kept[kept.length - 1].to).toEqual(c.storedTo);
    // And the emulator still serves: a new session is greeted and can log in.
    const again = await SmtpSession.open(smtp.host, smtp.port);
    try {
      expect(again.greeting).toMatch(/^220 /);
      expect(await again.session.send("EHLO again.example.org")).toBe(250);
      expect(await again.session.send(plainLogin(SMTP_SENDER.accountName, SMTP_SENDER.password))).toBe(235);
    } finally {
      again.session.close();
    }
  } finally {
    await dm.stop();
  }
}

/** Asks each case's layer, against one emulator started for the file that runs them. */
export function runMatrix(cases: readonly Case[]): void {
  const scratch = scratchDir("bad-input");
  let dm: RunningEmulator;
  let existingId: string;
  beforeAll(async () => {
    // With STS (roles, an OIDC provider), and a metadata service for an instance without a role.
    const services = credentialServices({ roleName: null });
    dm = await startEmulator({
      domains: ["example.com"],
      unverifiedDomains: ["unverified.example.com"],
      rateLimits: false,
      ...services,
    });
    const created = await rawRequest(dm, { Action: "CreateMailAddress", AccountName: "base@example.com", Sendtype: "batch" });
    existingId = String(created.body.MailAddressId);
  });
  afterAll(() => dm.stop());

  test.each(cases.map((c) => [`${c.layer}: ${named(c)}`, c] as const))("%s", async (_name, c) => {
    switch (c.layer) {
      case "check": {
        const r = await runtimes[c.resource].check({} as never, c.inputs as unknown as MailAddressInputs & never);
        expect(r.inputs).toBeUndefined();
        expect(r.failures).toEqual(
          expect.arrayContaining([expect.objectContaining({ property: c.property, reason: expect.stringContaining(c.reason) })]),
        );
        return;
      }
      case "smtp":
        return runSmtpCase(c);
      case "emulator": {
        const before = JSON.stringify([dm.inspect.allAddresses(), dm.inspect.snapshot().regions, dm.inspect.snapshot().messages]);
        const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, v === "{id}" ? existingId : v]));
        expect(await rawCode(dm, params)).toEqual({ status: c.status, code: c.code });
        // Refused means refused: nothing created or changed.
        expect(JSON.stringify([dm.inspect.allAddresses(), dm.inspect.snapshot().regions, dm.inspect.snapshot().messages])).toBe(before);
        return;
      }
      case "client": {
        const dmRequests = () => dm.requests.filter((r) => !r.action.startsWith("AssumeRole")).length;
        const requestsBefore = dmRequests();
        const files: Record<string, string> = {};
        for (const [name, content] of Object.entries(c.files ?? {})) {
          files[name] = join(scratch, `${name}-${randomUUID()}`);
          writeFileSync(
            files[name],
            content
              .replace(/\{sts\}/g, dm.stsUrl ?? "")
              .replace(/\{key\}/g, dm.accessKey.id)
              .replace(/\{secret\}/g, dm.accessKey.secret),
          );
        }
        // Placeholders: the emulator's key and secret, its STS and metadata service, the case's files.
        const fill = (value: unknown): unknown =>
          typeof value === "string"
            ? value
                .replace("{key}", dm.accessKey.id)
                .replace("{secret}", dm.accessKey.secret)
                .replace("{sts}", dm.stsUrl ?? "")
                .replace("{metadata}", dm.ecsMetadataUrl ?? "")
                .replace(/\{file:(\w+)\}/, (_m, name: string) => files[name])
            : value && typeof value === "object" && !Array.isArray(value)
              ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
              : value;
        const options = { endpoint: dm.url, ...c.options, credentials: fill(c.options.credentials) } as Partial<ClientOptions>;
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
        expect(String(err)).not.toContain(dm.accessKey.secret);
        if (c.type !== DirectMailServiceError) expect(dmRequests()).toBe(requestsBefore);
        return;
      }
      case "emulator CLI": {
        const cli = join(__dirname, "../../../node_modules/.bin/directmail-emulator");
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
}
