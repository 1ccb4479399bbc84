import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AccessKey, AuthContext, authorize, NonceCache, verifyV1, verifyV3 } from "./gateway/auth";
import { ApiError, Errors } from "./exceptions";
import { FaultInjector, FaultOptions } from "./gateway/faults";
import { API_VERSION, REGIONS } from "../client/apiFacts";
import type { Purpose } from "./dm/domains/records";
import { DirectMailModel, DomainConfig, SentVerificationMail } from "./dm/models";
import { DEFAULT_DIALECT, Dialect, errorInDialect, inDialect } from "./dialect";
import { LockTimeoutError } from "./state/fileLock";
import { StateFile, StateNotSavedError } from "./state/stateFile";
import { DOCUMENTED_RATE_LIMITS, RateLimit, RateLimiter } from "./gateway/rateLimits";
import { ACTIONS, Body, CALLBACK_ACTIONS, MUTATING, Params } from "./dm/responses";
import { BodyTooLarge, newRequestId, ParsedRequest, readRequest, render } from "./gateway/wire";

export { API_VERSION } from "../client/apiFacts";

/** Requests kept in `requests` for tests to read: the most recent ones. */
const REQUESTS_KEPT = 10_000;

/** Used when no access keys are given, so a demo needs no setup. Never valid anywhere but an emulator. */
export const DEFAULT_ACCESS_KEY: AccessKey = {
  id: "directmail-emulator",
  secret: "directmail-emulator-secret",
};

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
  /** One line per request (action, status, code); never parameters. */
  readonly log?: (line: string) => void;
}

/** One handled request, for tests that assert what reached the service. */
export interface RequestRecord {
  readonly action: string;
  readonly region: string;
  readonly status: number;
  readonly code?: string;
  readonly signatureVersion: "1.0" | "ACS3";
}

/** Requests counted by action, and how many were throttled: what the benchmarks and the efficiency test report. */
export interface RequestTally {
  readonly total: number;
  readonly byAction: Record<string, number>;
  readonly throttled: number;
}

export function tallyRequests(records: readonly RequestRecord[]): RequestTally {
  const byAction: Record<string, number> = {};
  for (const r of records) byAction[r.action] = (byAction[r.action] ?? 0) + 1;
  return { total: records.length, byAction, throttled: records.filter((r) => r.code?.startsWith("Throttling")).length };
}

export interface DnsChange {
  readonly domainName: string;
  /** Default cn-hangzhou. */
  readonly region?: string;
  /** Which records; default all of them. */
  readonly records?: readonly Purpose[];
  /** `withdraw` takes them down again. Default `publish`. */
  readonly action?: "publish" | "withdraw";
}

export interface RunningEmulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly accessKey: AccessKey;
  readonly model: DirectMailModel;
  readonly faults: FaultInjector;
  /** Verification mails "sent" by CheckReplyToMailAddress, oldest first. */
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
  /** Lets the process exit while the emulator still listens (for an emulator embedded in another program). */
  unref(): void;
  stop(): Promise<void>;
}

class Emulator {
  readonly model: DirectMailModel;
  readonly faults: FaultInjector;
  readonly requests: RequestRecord[] = [];
  private readonly auth: AuthContext;
  private readonly limiter: RateLimiter;
  private readonly now: () => Date;
  private readonly stateFile?: StateFile;
  private readonly dialect: Dialect;

  constructor(private readonly options: EmulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.dialect = { ...DEFAULT_DIALECT, ...options.dialect };
    const domains: DomainConfig[] = [
      ...(options.domains ?? ["example.com"]).map((name) => ({ name, verified: true })),
      ...(options.unverifiedDomains ?? []).map((name) => ({ name, verified: false })),
    ];
    this.model = new DirectMailModel({
      domains,
      addressLimit: options.addressLimit ?? 10,
      domainLimit: options.domainLimit ?? 5,
      extendedDomainStatuses: this.dialect.domainStatuses === "extended",
      monthlyDeleteLimit: options.monthlyDeleteLimit ?? 10,
      ticketTtlMs: options.ticketTtlMs ?? 10 * 60_000,
      now: this.now,
    });
    this.stateFile = options.persistPath ? new StateFile(options.persistPath, this.model) : undefined;
    this.stateFile?.load();
    const windowMs = options.timestampWindowMs ?? 15 * 60_000;
    const keys = options.accessKeys?.length ? options.accessKeys : [DEFAULT_ACCESS_KEY];
    this.auth = { keys: new Map(keys.map((k) => [k.id, k])), nonces: new NonceCache(2 * windowMs), windowMs, now: this.now };
    this.limiter = new RateLimiter(options.rateLimits === false ? {} : (options.rateLimits ?? DOCUMENTED_RATE_LIMITS));
    this.faults = new FaultInjector(options.faults);
  }

  async changeDns(change: DnsChange): Promise<void> {
    const work = () => {
      this.model.publishDnsRecords(change.region ?? "cn-hangzhou", change.domainName, change.records, change.action !== "withdraw");
      return {};
    };
    if (this.stateFile) await this.stateFile.transact(true, work);
    else work();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    let parsed: ParsedRequest;
    try {
      parsed = await readRequest(req);
    } catch (err) {
      const error = err instanceof BodyTooLarge ? Errors.invalidParameter("Body") : Errors.internalError();
      this.send(res, "JSON", "Error", requestId, error);
      return;
    }
    const v3 = (parsed.headers.get("authorization") ?? "").startsWith("ACS3-");
    const action = (v3 ? parsed.headers.get("x-acs-action") : parsed.params.get("Action")) ?? "";
    const format = (parsed.params.get("Format") ?? (v3 ? "JSON" : "XML")).toUpperCase();
    const region = parsed.params.get("RegionId") ?? REGIONS[0];
    const knownAction = Object.hasOwn(ACTIONS, action);
    const record = (status: number, code?: string) => {
      this.requests.push({ action, region, status, code, signatureVersion: v3 ? "ACS3" : "1.0" });
      if (this.requests.length > 2 * REQUESTS_KEPT) this.requests.splice(0, this.requests.length - REQUESTS_KEPT);
      // Only names from the emulator's own tables reach the log: a request cannot forge a line
      // (control characters) or have any value of its own written there.
      const shownAction = knownAction ? action : "?";
      const shownRegion = (REGIONS as readonly string[]).includes(region) ? region : "?";
      this.options.log?.(`${shownAction} ${shownRegion} ${status}${code ? ` ${code}` : ""}`);
    };

    try {
      if (format !== "JSON" && format !== "XML") throw Errors.invalidFormat();
      if (parsed.method !== "GET" && parsed.method !== "POST") throw Errors.unsupportedMethod();
      if (!action) throw Errors.missingParameter("Action");
      const version = v3 ? parsed.headers.get("x-acs-version") : parsed.params.get("Version");
      if (!version) throw Errors.missingParameter("Version");
      if (version !== API_VERSION) throw Errors.invalidVersion();
      // Only the table's own entries: names inherited from Object.prototype are no actions.
      const handler = knownAction ? ACTIONS[action] : undefined;
      if (!handler || (CALLBACK_ACTIONS.has(action) && this.options.callbackActions === false)) throw Errors.invalidAction();
      const key = v3
        ? verifyV3({ method: parsed.method, path: parsed.path, query: parsed.query, headers: parsed.headers }, parsed.body, this.auth)
        : verifyV1(parsed.method, parsed.params, this.auth);
      authorize(key, action);
      if (!(REGIONS as readonly string[]).includes(region)) throw Errors.invalidParameter("RegionId");
      if (!this.limiter.allow(action, this.now().getTime())) throw Errors.throttledUser();

      const latency = this.faults.latency();
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      const fault = this.faults.pick(action);
      if (fault === "throttle") throw Errors.throttledUser();
      if (fault === "unavailable") throw Errors.serviceUnavailable();
      if (fault === "internal") throw Errors.internalError();
      if (fault === "wrong-endpoint") throw Errors.productNotFound();
      if (fault === "drop") {
        record(0, "dropped");
        req.socket.destroy();
        return;
      }

      const params = new Params(parsed.params);
      const work = () => handler({ model: this.model, region, params, dialect: this.dialect });
      let body: Body;
      try {
        // With a state file, other processes may share it: the work runs under its lock, on its latest version.
        body = this.stateFile ? await this.stateFile.transact(MUTATING.has(action), work) : work();
      } catch (err) {
        if (!(err instanceof StateNotSavedError || err instanceof LockTimeoutError)) throw err;
        this.options.log?.(`${err.message}; ${action} not done`);
        throw Errors.internalError();
      }
      if (fault === "commit-then-drop") {
        record(0, "committed-then-dropped");
        req.socket.destroy();
        return;
      }
      record(200);
      const rendered = render(format, `${action}Response`, { RequestId: requestId, ...inDialect(body, this.dialect) });
      res.writeHead(200, { "content-type": rendered.contentType, "x-acs-request-id": requestId });
      res.end(rendered.text);
    } catch (err) {
      const error = errorInDialect(err instanceof ApiError ? err : Errors.internalError(), this.dialect);
      if (!(err instanceof ApiError)) this.options.log?.(`internal error in ${action}: ${(err as Error).name}`);
      record(error.status, error.code);
      this.send(res, format === "XML" ? "XML" : "JSON", "Error", requestId, error, parsed.headers.get("host"));
    }
  }

  private send(res: ServerResponse, format: "JSON" | "XML", root: string, requestId: string, error: ApiError, host?: string): void {
    const rendered = render(format, root, {
      RequestId: requestId,
      HostId: host ?? "dm.aliyuncs.com",
      Code: error.code,
      Message: error.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Dm&requestId=${requestId}`,
    });
    res.writeHead(error.status, { "content-type": rendered.contentType, "x-acs-request-id": requestId });
    res.end(rendered.text);
  }
}

/** Starts a DirectMail emulator on loopback (by default) and resolves once it listens. */
/** Changes the simulated DNS of the emulator that keeps its state in `statePath` (the CLI's `dns` command). */
export async function changeDnsInStateFile(statePath: string, change: DnsChange): Promise<void> {
  await new Emulator({ persistPath: statePath, domains: [] }).changeDns(change);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(options);
  const server: Server = createServer((req, res) => {
    void emulator.handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  let connections = 0;
  server.on("connection", () => {
    connections++;
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const keys = options.accessKeys?.length ? options.accessKeys : [DEFAULT_ACCESS_KEY];
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    host,
    port,
    accessKey: keys[0],
    model: emulator.model,
    faults: emulator.faults,
    sentMail: emulator.model.sentMail,
    requests: emulator.requests,
    mutatingRequests: () => emulator.requests.filter((r) => MUTATING.has(r.action) && r.status === 200),
    dns: (change) => emulator.changeDns(change),
    connectionsOpened: () => connections,
    unref: () => {
      server.unref();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
