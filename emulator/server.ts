import { existsSync } from "node:fs";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { ConnectionLimits, DEFAULT_CONNECTION_LIMITS, guardConnections, serverOptions } from "./connections";
import { DEFAULT_DIALECT, Dialect } from "./dialect";
import { directMailModels, seedDomains } from "./dm/context";
import type { DomainConfig, ModelOptions } from "./dm/options";
import type { SentVerificationMail } from "./dm/replyVerification/models";
import { directMailService } from "./dm/service";
import { AccessKey, NonceCache } from "./gateway/auth";
import { FaultInjector, FaultOptions } from "./gateway/faults";
import { Gateway, handleRpc } from "./gateway/pipeline";
import { DOCUMENTED_RATE_LIMITS, RateLimit, RateLimiter } from "./gateway/rateLimits";
import type { RequestRecord } from "./gateway/requestLog";
import { applyDnsChange, DnsChange, Inspector } from "./inspect";
import type { DirectMailModels } from "./dm/context";
import { InboxOptions, RunningInbox, startInbox } from "./inbox/server";
import { RunningSmtp, SmtpOptions, startSmtp } from "./smtp/server";
import { AccountState, PersistedState } from "./state/account";
import { NonceJournal } from "./state/nonceJournal";
import { StateFile } from "./state/stateFile";
import { credentialsUriHandler, CredentialsUriOptions } from "./metadata/credentialsUri";
import { ecsMetadataHandler, EcsMetadataOptions } from "./metadata/ecs";
import { StsModels, StsOptions } from "./sts/models";
import { stsService } from "./sts/service";

export { API_VERSION } from "../client/apiFacts";
export { tallyRequests } from "./gateway/requestLog";
export type { RequestRecord, RequestTally } from "./gateway/requestLog";
export type { DnsChange } from "./inspect";
export type { StsOptions, StsRole, OidcProvider } from "./sts/models";
export type { EcsMetadataOptions } from "./metadata/ecs";
export type { CredentialsUriOptions } from "./metadata/credentialsUri";

/** Used when no access keys are given, so a demo needs no setup. Never valid anywhere but an emulator. */
export const DEFAULT_ACCESS_KEY: AccessKey = {
  id: "directmail-emulator",
  secret: "directmail-emulator-secret",
};

/**
 * The verified domains of a demo account: what the command starts with and what
 * the provider's embedded emulator starts with (`directmail:emulatorDomains`
 * changes it there), so that a guide written for one works on the other.
 */
export const DEMO_DOMAINS: readonly string[] = ["example.com", "example.org"];

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: pick a free port. */
  readonly port?: number;
  /** Verified sending domains (in every region). Default ["example.com"]. */
  readonly domains?: readonly string[];
  /** Domains that exist but have not passed verification. */
  readonly unverifiedDomains?: readonly string[];
  /** Accepted access keys. Default: DEFAULT_ACCESS_KEY. */
  readonly accessKeys?: readonly AccessKey[];
  /** Sender addresses per region. Default 10, as on DirectMail. */
  readonly addressLimit?: number;
  /** Deletions per region and calendar month. Default 10, as on DirectMail; 0 turns it off. */
  readonly monthlyDeleteLimit?: number;
  /** Sending domains per account, the configured ones included; default 5 (DirectMail's FAQ). */
  readonly domainLimit?: number;
  /** Recipient lists per account. Default 10, as on DirectMail. */
  readonly receiverLimit?: number;
  /** Members per recipient list. Default 10,000, as on DirectMail. */
  readonly membersPerList?: number;
  /** Mail tags per region. Default 10, as a DirectMail page says. */
  readonly tagLimit?: number;
  /** Keep state in this JSON file across restarts. */
  readonly persistPath?: string;
  /** Per-action limits; default the documented ones; false turns limiting off. */
  readonly rateLimits?: Readonly<Record<string, RateLimit>> | false;
  readonly faults?: FaultOptions;
  /** Whether Update/GetMailAddressMsgCallBackUrl exist. Default true. */
  readonly callbackActions?: boolean;
  /** Allowed clock skew. Default 15 minutes. */
  readonly timestampWindowMs?: number;
  /** Reply-verification ticket lifetime. Default 10 minutes. */
  readonly ticketTtlMs?: number;
  /** The clock; tests move it. */
  readonly now?: () => Date;
  /** How to answer where the docs leave the wire open (docs/directmail-api.md); default: the guesses in DEFAULT_DIALECT. */
  readonly dialect?: Partial<Dialect>;
  /** Timeouts and the connection cap (docs/emulator.md); each defaults as DEFAULT_CONNECTION_LIMITS. */
  readonly connections?: ConnectionLimits;
  /** One line per request (action, status, code); never parameters. */
  readonly log?: (line: string) => void;
  /** SMTP submission on the same account (emulator/smtp/server.ts); default on a free loopback port; false: none. */
  readonly smtp?: SmtpOptions | false;
  /** The web inbox (emulator/inbox/): what was sent, for people; default off; true: on a free loopback port. */
  readonly inbox?: InboxOptions | boolean;
  /**
   * The id of the emulator's own account (persisted in `persistPath`). A session of a role in another
   * account id acts in that account, kept in memory. Default: none (every key acts in the own account
   * unless STS issued it for a role naming another).
   */
  readonly accountId?: string;
  /** Also serve STS (AssumeRole, AssumeRoleWithOIDC) on a port of its own; the sessions it issues work for DirectMail here. */
  readonly sts?: StsOptions;
  /** Also serve the ECS instance metadata service (RAM role keys) on a port of its own. */
  readonly ecsMetadata?: EcsMetadataOptions;
  /** Also serve a credentials URI (`GET /credentials`) on a port of its own. */
  readonly credentialsUri?: CredentialsUriOptions;
}

export interface RunningEmulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly accessKey: AccessKey;
  /** Where SMTP submission listens (absent with `smtp: false`). */
  readonly smtp?: { readonly host: string; readonly port: number };
  /** The web inbox's URL, when started. */
  readonly inbox?: { readonly url: string };
  readonly faults: FaultInjector;
  /** The back door: the account, the sent mail, the request log, the simulated DNS and console. */
  readonly inspect: Inspector;
  /** Verification mails "sent" by CheckReplyToMailAddress, oldest first (also `inspect.sentMail`). */
  readonly sentMail: readonly SentVerificationMail[];
  readonly requests: RequestRecord[];
  /** Requests that changed something, as seen so far. */
  mutatingRequests(): RequestRecord[];
  /**
   * The simulated DNS: publishes (or withdraws) a domain's records, as a person
   * at their DNS provider would; the service notices at its next CheckDomain.
   */
  dns(change: DnsChange): Promise<void>;
  /** TCP connections accepted so far: shows whether clients reuse their sockets. */
  connectionsOpened(): number;
  /** STS's URL, when `sts` was given. */
  readonly stsUrl?: string;
  /** The metadata service's base URL, when `ecsMetadata` was given. */
  readonly ecsMetadataUrl?: string;
  /** The credentials URI, when `credentialsUri` was given. */
  readonly credentialsUri?: string;
  /** Every session key STS, the metadata service and the credentials URI issued, oldest first. */
  readonly issuedKeys: readonly AccessKey[];
  /** The sender addresses of another account (one a role's sessions act in), with their regions. */
  addressesOfAccount(accountId: string): Array<{ accountName: string; region: string }>;
  /** Issues a session key directly (what a CI step that ran AssumeRole before hands over as StsToken). */
  issueSession(seconds: number): AccessKey & { securityToken: string; expiresAt: number };
  /** Lets the process exit while the emulator still listens (for an emulator embedded in another program). */
  unref(): void;
  stop(): Promise<void>;
}

function modelOptions(options: EmulatorOptions, dialect: Dialect, now: () => Date): ModelOptions {
  const domains: DomainConfig[] = [
    ...(options.domains ?? ["example.com"]).map((name) => ({ name, verified: true })),
    ...(options.unverifiedDomains ?? []).map((name) => ({ name, verified: false })),
  ];
  return {
    domains,
    addressLimit: options.addressLimit ?? 10,
    domainLimit: options.domainLimit ?? 5,
    extendedDomainStatuses: dialect.domainStatuses === "extended",
    monthlyDeleteLimit: options.monthlyDeleteLimit ?? 10,
    ticketTtlMs: options.ticketTtlMs ?? 10 * 60_000,
    receiverLimit: options.receiverLimit ?? 10,
    membersPerList: options.membersPerList ?? 10_000,
    membersPerSave: 500,
    usageCounts: dialect.usageCounts,
    subjectLimit: dialect.subjectLimit,
    now,
    tags: {
      limit: options.tagLimit ?? 10,
      names: dialect.tagNames,
      duplicates: dialect.tagDuplicate,
      modifyWithoutDescription: dialect.tagModifyDescription,
    },
  };
}

/**
 * Changes the simulated DNS of the emulator that keeps its state in `statePath`
 * (the CLI's `dns` command): on the file itself, under its lock, with no service.
 */
export async function changeDnsInStateFile(statePath: string, change: DnsChange): Promise<void> {
  const { account, file } = existingStateFile(statePath);
  await file.transact(true, () => applyDnsChange(account, change));
}

/** What the emulator that keeps its state in `statePath` holds now, read under the file's lock (the CLI's `list`). */
export async function readStateFile(statePath: string): Promise<PersistedState> {
  const { account, file } = existingStateFile(statePath);
  return file.transact(false, () => account.snapshot());
}

/** A state file that must already exist: a command run on a wrong path must say so, not report an empty account. */
function existingStateFile(statePath: string): { account: AccountState; file: StateFile } {
  if (!existsSync(statePath)) {
    throw new Error(
      `no emulator state file at ${resolve(statePath)}: an emulator writes it at its first change when started with --state FILE, ` +
        `and in embedded mode it is directmail:emulatorState (default .directmail-emulator.json beside Pulumi.yaml)`,
    );
  }
  // No configured domains: an old file's regions get none, as no emulator configuration is known here.
  const account = new AccountState(() => []);
  const file = new StateFile(statePath, account, () => []);
  file.load();
  return { account, file };
}

/**
 * Works on the account kept in `statePath` (the CLI's `mail` commands): on the
 * file itself, under its lock, with no service; saved when `changes`.
 */
export async function onStateFile<T>(statePath: string, changes: boolean, work: (models: DirectMailModels) => T): Promise<T> {
  const now = () => new Date();
  const options = modelOptions({ domains: [] }, DEFAULT_DIALECT, now);
  const account = new AccountState(() => []);
  const models = directMailModels(account, options);
  const file = new StateFile(statePath, account, () => []);
  file.load();
  return file.transact(changes, () => work(models));
}

/** Starts a DirectMail emulator on loopback (by default) and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? (() => new Date());
  const dialect: Dialect = { ...DEFAULT_DIALECT, ...options.dialect };
  const modelOpts = modelOptions(options, dialect, now);
  const seed = seedDomains(modelOpts);
  const account = new AccountState(seed);
  const models = directMailModels(account, modelOpts);
  const stateFile = options.persistPath ? new StateFile(options.persistPath, account, seed) : undefined;
  stateFile?.load();
  const windowMs = options.timestampWindowMs ?? 15 * 60_000;
  const keys = options.accessKeys?.length ? options.accessKeys : [DEFAULT_ACCESS_KEY];
  const gateway: Gateway = {
    auth: { keys: new Map(keys.map((k) => [k.id, k])), nonces: new NonceCache(2 * windowMs), windowMs, now },
    limiter: new RateLimiter(options.rateLimits === false ? {} : (options.rateLimits ?? DOCUMENTED_RATE_LIMITS)),
    faults: new FaultInjector(options.faults),
    stateFile,
    // Kept as long as the cache above: a timestamp is accepted up to a window either side of now.
    spentNonces: options.persistPath ? new NonceJournal(`${options.persistPath}.nonces`, 2 * windowMs) : undefined,
    requests: [],
    now,
    log: options.log,
  };
  // Other accounts (a role's sessions in another account id): their own state, in memory only.
  const otherAccounts = new Map<string, { account: AccountState; models: typeof models }>();
  const accountOf = (accountId: string) => {
    let other = otherAccounts.get(accountId);
    if (!other) {
      const state = new AccountState(seed);
      other = { account: state, models: directMailModels(state, modelOpts) };
      otherAccounts.set(accountId, other);
    }
    return other;
  };
  const modelsOf = (caller?: AccessKey) =>
    caller?.accountId && caller.accountId !== options.accountId ? accountOf(caller.accountId).models : models;
  const service = directMailService(modelsOf, dialect, new Set(options.callbackActions === false ? ["callbackActions"] : []));
  const inspect = new Inspector(account, models, service.actions, stateFile, gateway.requests);

  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connections };
  const server: Server = createServer(serverOptions(limits), (req, res) => {
    void handleRpc(req, res, service, gateway);
  });
  const connectionsOpened = guardConnections(server, limits);
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, host, options.port ?? 0);
  const urlOf = (p: number) => `http://${host.includes(":") ? `[${host}]` : host}:${p}`;

  // The credential services, each on a port of its own (as each has a host of its own), on the same key table.
  const sts = new StsModels(options.sts ?? {}, gateway.auth.keys, now);
  const side: Server[] = [];
  const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    // The API's timeouts and cap: without them, idle connections to any one port take every descriptor the process has.
    const s = createServer(serverOptions(limits), handler);
    guardConnections(s, limits);
    side.push(s);
    return urlOf(await listen(s, host, 0));
  };
  const stsUrl = options.sts ? await serve((req, res) => void handleRpc(req, res, stsService(sts), gateway)) : undefined;
  const ecsMetadataUrl = options.ecsMetadata ? await serve(ecsMetadataHandler(options.ecsMetadata, sts, now)) : undefined;
  const credentialsUri = options.credentialsUri
    ? `${await serve(credentialsUriHandler(options.credentialsUri, sts))}/credentials`
    : undefined;
  const close = (s: Server) =>
    new Promise<void>((resolve, reject) => {
      s.close((err) => (err ? reject(err) : resolve()));
      s.closeAllConnections();
    });

  let smtp: RunningSmtp | undefined;
  let inbox: RunningInbox | undefined;
  try {
    smtp =
      options.smtp === false
        ? undefined
        : await startSmtp(
            { models, stateFile, dialect, now, log: options.log },
            {
              ...options.smtp,
              host: options.smtp?.host ?? host,
              rateLimit: options.smtp?.rateLimit ?? (options.rateLimits === false ? false : undefined),
            },
          );
    if (options.inbox)
      inbox = await startInbox(inspect, {
        ...(options.inbox === true ? {} : options.inbox),
        host: (options.inbox !== true && options.inbox.host) || host,
        connections: limits,
      });
  } catch (err) {
    await Promise.all([server, ...side].map(close));
    await smtp?.stop();
    throw err;
  }
  return {
    url: urlOf(port),
    stsUrl,
    ecsMetadataUrl,
    credentialsUri,
    issuedKeys: sts.issued,
    issueSession: (seconds) => sts.issue(seconds),
    addressesOfAccount: (accountId) =>
      accountId === options.accountId ? inspect.allAddresses() : accountOf(accountId).models.addresses.allAddresses(),
    host,
    port,
    accessKey: keys[0],
    smtp: smtp && { host: smtp.host, port: smtp.port },
    inbox: inbox && { url: inbox.url },
    faults: gateway.faults,
    inspect,
    sentMail: inspect.sentMail,
    requests: gateway.requests,
    mutatingRequests: () => inspect.mutatingRequests(),
    dns: (change) => inspect.dns(change),
    connectionsOpened,
    unref: () => {
      server.unref();
      smtp?.unref();
      inbox?.unref();
      for (const s of side) s.unref();
    },
    stop: async () => {
      await Promise.all([smtp?.stop(), inbox?.stop(), ...[server, ...side].map(close)]);
    },
  };
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
