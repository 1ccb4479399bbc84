import type { AddressInfo } from "node:net";
import { DEFAULT_CONNECTION_LIMITS } from "../connections";
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from "smtp-server";
import { RateLimit, SMTP_RATE_LIMIT } from "../../client/apiFacts";
import type { Dialect } from "../dialect";
import type { DirectMailModels } from "../dm/context";
import { checkMailboxForm } from "../dm/mailbox";
import { MAX_RECIPIENTS } from "../dm/sending/models";
import { ApiError, Errors } from "../exceptions";
import { RateLimiter } from "../gateway/rateLimits";
import { onAccount, StateFile } from "../state/stateFile";
import { Refusal, SmtpRefusal } from "./replies";

/**
 * SMTP submission beside the RPC gateway, as smtpdm.aliyun.com offers it:
 * AUTH LOGIN or PLAIN with a sender address and the SMTP password that
 * ModifyMailAddress set, then one message from that address. It works on the
 * same account as the API (the same models, under the same state-file lock),
 * and what it accepts is kept and counted exactly as SingleSendMail's is.
 * The protocol itself is smtp-server's; parsing the message is mailparser's.
 */

export interface SmtpOptions {
  /** Default: the emulator's host (loopback). */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** The largest message accepted, in bytes; default 15 MiB (DirectMail's limit for a message with attachments). */
  readonly maxMessageBytes?: number;
  /** Messages per account in a sliding window; default DirectMail's 5,000 per 180 s; false turns it off. */
  readonly rateLimit?: RateLimit | false;
  /** Open connections at most (more are answered 421 and closed); default the API's cap, DEFAULT_CONNECTION_LIMITS.maxConnections. */
  readonly maxConnections?: number;
}

export interface SmtpDeps {
  readonly models: DirectMailModels;
  readonly stateFile?: StateFile;
  readonly dialect: Dialect;
  readonly now: () => Date;
  readonly log?: (line: string) => void;
}

export interface RunningSmtp {
  readonly host: string;
  readonly port: number;
  /** Lets the process exit while SMTP still listens (the embedded emulator). */
  unref(): void;
  stop(): Promise<void>;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 15 * 1024 * 1024;

/** Who logged in: the sender address and the region it was found in. */
interface Login {
  readonly region: string;
  readonly accountName: string;
}

/** The model's refusals, in SMTP's terms. */
const REFUSAL_OF: Readonly<Record<string, Refusal>> = {
  "InvalidMailAddress.NotFound": "authFailed",
  "InvalidMailAddressStatus.Malformed": "notAllowed",
  "InvalidMailAddressDomainStatus.Malformed": "domainNotVerified",
  "InvalidQuota.Exceeded": "quota",
};

export async function startSmtp(deps: SmtpDeps, options: SmtpOptions & { readonly host: string }): Promise<RunningSmtp> {
  const { models, stateFile, dialect } = deps;
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const limiter = new RateLimiter(options.rateLimit === false ? {} : { SMTP: options.rateLimit ?? SMTP_RATE_LIMIT });
  const refuse = (refusal: Refusal, detail?: string) => new SmtpRefusal(refusal, dialect.smtpCodes, detail);
  const fromModel = (err: unknown): Error => {
    const refusal = err instanceof ApiError ? REFUSAL_OF[err.code] : undefined;
    if (refusal) return refuse(refusal);
    deps.log?.(`SMTP internal error: ${(err as Error).name}`);
    return Object.assign(new Error("Local error in processing"), { responseCode: 451 });
  };
  const reply = <T>(callback: (err: Error | null, value?: T) => void, work: () => Promise<T>) => {
    work().then(
      (value) => callback(null, value),
      (err: unknown) => {
        const error = err instanceof SmtpRefusal ? err : fromModel(err);
        deps.log?.(`SMTP ${(error as SmtpRefusal).responseCode}`);
        callback(error);
      },
    );
  };
  const loginOf = (session: SMTPServerSession) => session.user as unknown as Login;

  const server = new SMTPServer({
    name: "smtpdm.emulator.local",
    banner: "DirectMail emulator ESMTP",
    authMethods: ["PLAIN", "LOGIN"],
    // Loopback: a password in the clear never leaves the machine; STARTTLS (smtp-server's own localhost certificate) is offered too.
    allowInsecureAuth: true,
    size: maxBytes,
    // Without a cap, idle connections that never log in hold descriptors until the process has none left for the API.
    maxClients: options.maxConnections ?? DEFAULT_CONNECTION_LIMITS.maxConnections,
    disabledCommands: [],
    closeTimeout: 1_000,
    socketTimeout: 60_000,
    logger: false,

    onAuth(auth, _session, callback) {
      reply(callback, async () => {
        const name = (auth.username ?? "").toLowerCase();
        const login = await onAccount(stateFile, false, () => {
          const region = models.sending.regionOf(name);
          const address = region === undefined ? undefined : models.addresses.findByName(region, name);
          // One answer for an unknown sender and a wrong password: a login must not tell which addresses exist.
          if (!region || !address || !models.addresses.passwordIs(address.id, auth.password ?? "")) throw refuse("authFailed");
          if (address.accountStatus !== 0) throw refuse("notAllowed");
          return { region, accountName: address.accountName };
        });
        return { user: login as unknown as string };
      });
    },

    onMailFrom(address, session, callback) {
      reply(callback, async () => {
        const login = loginOf(session);
        if (address.address.toLowerCase() !== login.accountName) throw refuse("fromMismatch");
        await onAccount(stateFile, false, () => models.sending.sender(login.region, login.accountName));
      });
    },

    onRcptTo(address, session, callback) {
      reply(callback, async () => {
        if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) throw refuse("tooManyRecipients");
        try {
          checkMailboxForm(address.address, Errors.toAddressMalformed);
        } catch {
          throw refuse("badRecipient");
        }
      });
    },

    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        // Past the limit nothing more is kept; smtp-server still reads to the end of DATA.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("end", () => {
        reply(callback, async () => {
          if (stream.sizeExceeded) throw refuse("tooLarge");
          const login = loginOf(session);
          // Loaded at the first message: an emulator that never receives one (most embedded ones) never pays for it.
          const { simpleParser } = await import("mailparser");
          const parsed = await simpleParser(Buffer.concat(chunks)).catch(() => undefined);
          const from = parsed?.from?.value ?? [];
          if (!parsed || from.length === 0) throw refuse("malformed", "no From header");
          if (from.length !== 1 || from[0].address?.toLowerCase() !== login.accountName) throw refuse("fromMismatch");
          const trace = traceSettings(parsed.headers.get("x-alidm-trace"));
          if (!trace) throw refuse("malformed", "X-AliDM-Trace is not base64 of a JSON object");
          if (!limiter.allow("SMTP", deps.now().getTime())) throw refuse("rate");
          const stored = await onAccount(stateFile, true, () =>
            models.sending.accept(login.region, {
              channel: "smtp",
              accountName: login.accountName,
              fromAlias: from[0].name || undefined,
              // The envelope decides who gets the mail: To, Cc or Bcc headers add nobody.
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              replyTo: parsed.replyTo?.value[0]?.address,
              subject: parsed.subject ?? "",
              htmlBody: parsed.html === false ? undefined : parsed.html,
              textBody: parsed.text,
              tagName: trace.tagName,
              clickTrace: trace.clickTrace,
            }),
          );
          deps.log?.(`SMTP 250 ${stored.envId}`);
          return `Ok: queued as ${stored.envId}`;
        });
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  server.on("error", (err: Error) => deps.log?.(`SMTP connection error: ${err.name}`));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: options.host,
    port,
    unref: () => {
      server.server.unref();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * SMTP's tag and tracking: the X-AliDM-Trace header, base64 of
 * {"TagName": ..., "OpenTrace": "1", "LinkTrace": "1"} (DirectMail's SMTP
 * tracking page). Undefined when the header is there but unreadable.
 */
function traceSettings(header: unknown): { tagName?: string; clickTrace?: boolean } | undefined {
  if (header === undefined) return {};
  if (typeof header !== "string") return undefined;
  try {
    const settings: unknown = JSON.parse(Buffer.from(header.trim(), "base64").toString("utf8"));
    if (typeof settings !== "object" || settings === null || Array.isArray(settings)) return undefined;
    const { TagName, LinkTrace } = settings as Record<string, unknown>;
    return {
      tagName: typeof TagName === "string" && TagName ? TagName : undefined,
      clickTrace: LinkTrace === undefined ? undefined : String(LinkTrace) === "1",
    };
  } catch {
    return undefined;
  }
}
