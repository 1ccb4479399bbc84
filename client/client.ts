import { randomUUID } from "node:crypto";
import { API_VERSION } from "./apiFacts";
import { Credentials, CredentialInputs, resolveCredentials } from "./credentials/credentials";
import { DEFAULT_REGION, resolveEndpoint } from "./rpc/endpoints";
import { DirectMailServiceError, DirectMailTransportError, PasswordRefusedError, RequestContext } from "./errors";
import { passwordProblems } from "./actions/passwordRules";
import { Pacer, PROCESS_PACER } from "./resilience/pacer";
import { redactSecrets } from "./rpc/redact";
import { Announcement, FetchOptions, SharedListing } from "./resilience/sharedListing";
import { DEFAULT_RETRY_POLICY, LostAnswerRecovery, REPEAT, RetryPolicy, withRetries } from "./resilience/retry";
import { PROCESS_RETRY_BUDGET, RetryBudget } from "./resilience/retryBudget";
import { signRpcRequest } from "./rpc/signer";
import { Transport, TransportFailure } from "./rpc/transport";
import {
  asNumber,
  asObject,
  asString,
  DomainDetail,
  DomainRecord,
  JsonObject,
  MailAddressRecord,
  NotifyUrlSetting,
  Page,
  Sendtype,
  toDomainDetail,
  toDomainRecord,
  toMailAddressRecord,
  toPage,
} from "./types";

export { API_VERSION } from "./apiFacts";

export interface ClientOptions {
  /** DirectMail region; picks the endpoint and is sent as RegionId. Default cn-hangzhou. */
  readonly region?: string;
  /** An explicit endpoint (URL or host) instead of the region's public one. */
  readonly endpoint?: string;
  /** Explicit credentials and where else to look; see resolveCredentials. */
  readonly credentials?: CredentialInputs;
  /** Time allowed for one exchange, headers and whole body; never past the retry deadline either. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Sockets per endpoint. Default 8. */
  readonly connections?: number;
  /**
   * Keeps each action within DirectMail's documented limit, with one budget per
   * account and region shared by the clients that use the same pacer. Default:
   * the process's pacer. `false` turns pacing off (for a service without limits).
   */
  readonly pacer?: Pacer | false;
  /**
   * Retries shared with the other clients that use the same budget. Default:
   * the process's budget. `false`: no budget (only the attempt limit and the deadline).
   */
  readonly retryBudget?: RetryBudget | false;
  /** How long a look-up by name waits for others to share its listing (a quiet moment; at most ten times as long in all). Default 150 ms. */
  readonly lookupGatherMs?: number;
}

type Params = Record<string, string | number | undefined>;

interface CallOptions<T> {
  /** How a lost answer is recovered; see LostAnswerRecovery. */
  readonly recovery: LostAnswerRecovery<T>;
  /** Parameter names whose values must never be shown (they are also masked in service messages). */
  readonly secretParams?: readonly string[];
  /** Told just before each attempt is sent. */
  readonly onSend?: () => void;
}

/** A bound on paging, whatever the server answers. */
const MAX_PAGES = 1_000;

/**
 * The codes by which DirectMail may say "this is the current password". Which
 * one it uses is UNCONFIRMED (docs/directmail-api.md), so each plausible one counts.
 */
const SAME_PASSWORD = ["InvalidPassword.equalcurrent", "InvalidDomainPassword.equalcurrent"];
/** The code for a password DirectMail refuses; it may also be how it refuses a repeated one. */
const PASSWORD_REFUSED = "InvalidPassword.Malformed";

/** A plain refusal of a password that breaks no documented rule: it can only be taken for a repeat. */
function refusedAsRepeat(err: DirectMailServiceError, password: string): boolean {
  return err.code === PASSWORD_REFUSED && passwordProblems(password).length === 0;
}

/** What a recovered ModifyMailAddress reports: the service already had the password. */
const ALREADY_SET = "already-set";

/**
 * A DirectMail API client for the sender-address, notify-URL and domain actions. One instance per
 * region and endpoint; it pools its connections, so reuse it.
 */
export class DirectMailClient {
  readonly region: string;
  readonly endpoint: URL;
  private readonly transport: Transport;
  private readonly policy: RetryPolicy;
  private readonly pacer: Pacer | undefined;
  private readonly retryBudget: RetryBudget | undefined;
  private readonly timeoutMs: number;
  private readonly listing: SharedListing<MailAddressRecord[]>;
  private readonly domainListing: SharedListing<DomainRecord[]>;
  private credentials?: Credentials;

  constructor(private readonly options: ClientOptions = {}) {
    this.region = options.region ?? DEFAULT_REGION;
    this.endpoint = resolveEndpoint(this.region, options.endpoint);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.pacer = options.pacer === false ? undefined : (options.pacer ?? PROCESS_PACER);
    this.retryBudget = options.retryBudget === false ? undefined : (options.retryBudget ?? PROCESS_RETRY_BUDGET);
    this.listing = new SharedListing((sent) => this.listMailAddresses({}, sent), options.lookupGatherMs ?? 150);
    this.domainListing = new SharedListing((sent) => this.listDomains({}, sent), options.lookupGatherMs ?? 150);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.transport = new Transport({ timeoutMs: this.timeoutMs, connections: options.connections ?? 8 });
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  // ---- the API actions: eight for sender addresses, five for domains ----------------------

  /**
   * Creates the address. A lost answer is recovered by a look-up: the address
   * the lost attempt made is found and returned (`recovered: true`) instead of
   * a second request meeting "already exists", and nothing is left behind
   * unrecorded even when every attempt loses its answer.
   */
  async createMailAddress(args: {
    accountName: string;
    sendtype: Sendtype;
    replyAddress?: string;
  }): Promise<{ mailAddressId: string; requestId?: string; recovered: boolean }> {
    const findMine = async () => {
      const mine = await this.findMailAddressByName(args.accountName);
      return mine && mine.sendtype === args.sendtype ? { mailAddressId: mine.mailAddressId, recovered: true } : undefined;
    };
    return this.call(
      "CreateMailAddress",
      { AccountName: args.accountName, Sendtype: args.sendtype, ReplyAddress: args.replyAddress || undefined },
      {
        recovery: { kind: "look-up", find: findMine, conflict: (err) => err.code === "InvalidMailAddressName.Duplicate" },
      },
      (body) => ({ mailAddressId: asString(body.MailAddressId), requestId: asString(body.RequestId), recovered: false }),
    );
  }

  async queryMailAddressByParam(
    args: {
      keyWord?: string;
      sendtype?: Sendtype;
      pageNo?: number;
      pageSize?: number;
    } = {},
    onSend?: () => void,
  ): Promise<Page<MailAddressRecord>> {
    const body = await this.call(
      "QueryMailAddressByParam",
      { KeyWord: args.keyWord || undefined, Sendtype: args.sendtype, PageNo: args.pageNo, PageSize: args.pageSize },
      { recovery: REPEAT, onSend },
    );
    return toPage(body, "mailAddress", toMailAddressRecord);
  }

  /** Every address matching the filter, across all pages. */
  async listMailAddresses(
    args: { keyWord?: string; sendtype?: Sendtype; pageSize?: number } = {},
    onSend?: () => void,
  ): Promise<MailAddressRecord[]> {
    return this.everyPage(
      (pageNo, pageSize, sent) => this.queryMailAddressByParam({ keyWord: args.keyWord, sendtype: args.sendtype, pageNo, pageSize }, sent),
      (m) => m.mailAddressId,
      onSend,
      args.pageSize,
    );
  }

  /**
   * Pages through a listing. Stops on a short page; on the total when there is
   * one (a missing TotalCount reads as -1); on a page with nothing new, so that
   * a server repeating full pages cannot keep this going; and at MAX_PAGES.
   */
  private async everyPage<T>(
    page: (pageNo: number, pageSize: number, onSend?: () => void) => Promise<Page<T>>,
    idOf: (item: T) => string,
    onSend?: () => void,
    pageSize = 50,
  ): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<string>();
    for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
      const { items, totalCount } = await page(pageNo, pageSize, pageNo === 1 ? onSend : undefined);
      const fresh = items.filter((item) => !seen.has(idOf(item)));
      for (const item of fresh) seen.add(idOf(item));
      all.push(...fresh);
      const total = totalCount >= 0 ? totalCount : Infinity;
      if (items.length < pageSize || all.length >= total || fresh.length === 0) return all;
    }
    return all;
  }

  /**
   * The address with exactly this account name (case-insensitive: the service
   * stores lower case), if any; never a substring match. Look-ups made at the
   * same time share one listing of the region (see SharedListing); with
   * `recentMs`, a listing answered at most that long ago serves too (for reads
   * that need no answer newer than their question, as a refresh).
   */
  async findMailAddressByName(accountName: string, options: FetchOptions = {}): Promise<MailAddressRecord | undefined> {
    const wanted = accountName.toLowerCase();
    const all = await this.listing.fetch(options);
    return all.find((m) => m.accountName.toLowerCase() === wanted);
  }

  /**
   * Says that a look-up by name will follow (a create's read-back): a listing
   * gathering now is sent as soon as every announced look-up has joined,
   * instead of after a quiet moment. Pass it to findMailAddressByName.
   */
  announceMailAddressLookup(): Announcement {
    return this.listing.announce();
  }

  /**
   * Sets the password and/or the reply address. When the service says it
   * already has the password (set by an attempt whose answer was lost, by hand,
   * or on an adopted address), that part is done; the service refuses the whole
   * request then, so a reply address sent with it is sent again alone. After a
   * lost answer every plausible wording of that refusal counts (UNCONFIRMED),
   * so a lost answer can never wedge a stack; without one, a plain refusal of a
   * password that keeps every rule is a PasswordRefusedError.
   */
  async modifyMailAddress(args: { mailAddressId: string; password?: string; replyAddress?: string }): Promise<void> {
    const { password } = args;
    const alreadySet = (err: DirectMailServiceError, answerLost: boolean) =>
      password !== undefined && (SAME_PASSWORD.includes(err.code) || (answerLost && refusedAsRepeat(err, password)))
        ? ALREADY_SET
        : undefined;
    let outcome: string | undefined;
    try {
      outcome = await this.call(
        "ModifyMailAddress",
        { MailAddressId: args.mailAddressId, Password: password, ReplyAddress: args.replyAddress },
        { recovery: { kind: "done-when-said", done: alreadySet }, secretParams: ["Password"] },
        () => undefined,
      );
    } catch (err) {
      if (password !== undefined && err instanceof DirectMailServiceError && refusedAsRepeat(err, password)) {
        throw new PasswordRefusedError(args.mailAddressId, err);
      }
      throw err;
    }
    if (outcome === ALREADY_SET && args.replyAddress !== undefined) {
      // Setting a reply address to a value is the same however often it is done.
      await this.call("ModifyMailAddress", { MailAddressId: args.mailAddressId, ReplyAddress: args.replyAddress }, { recovery: REPEAT });
    }
  }

  async deleteMailAddress(mailAddressId: string): Promise<void> {
    // Repeated after a lost answer: the repeat meets the action's own "no such id", which callers treat as deleted.
    await this.call("DeleteMailAddress", { MailAddressId: mailAddressId }, { recovery: REPEAT });
  }

  async checkReplyToMailAddress(args: { mailAddressId: string; lang?: string; region?: string }): Promise<void> {
    await this.call(
      "CheckReplyToMailAddress",
      { MailAddressId: args.mailAddressId, Lang: args.lang, Region: args.region ?? this.region },
      { recovery: REPEAT },
    );
  }

  async approveReplyMailAddress(ticket: string): Promise<void> {
    await this.call("ApproveReplyMailAddress", { Ticket: ticket }, { recovery: REPEAT, secretParams: ["Ticket"] });
  }

  async updateMailAddressMsgCallBackUrl(args: { mailFrom: string; notifyUrl?: string }): Promise<void> {
    // The URL is treated as a secret: webhook URLs often carry tokens.
    await this.call(
      "UpdateMailAddressMsgCallBackUrl",
      { MailFrom: args.mailFrom, NotifyUrl: args.notifyUrl ?? "" },
      { recovery: REPEAT, secretParams: ["NotifyUrl"] },
    );
  }

  async getMailAddressMsgCallBackUrl(mailFrom: string): Promise<NotifyUrlSetting> {
    const body = await this.call("GetMailAddressMsgCallBackUrl", { MailFrom: mailFrom }, { recovery: REPEAT });
    return { notifyUrl: asString(body.NotifyUrl), notifyUrlStatus: asString(body.NotifyUrlStatus) };
  }

  async queryDomainByParam(
    args: { keyWord?: string; status?: number; pageNo?: number; pageSize?: number } = {},
    onSend?: () => void,
  ): Promise<Page<DomainRecord>> {
    const body = await this.call(
      "QueryDomainByParam",
      { KeyWord: args.keyWord || undefined, Status: args.status, PageNo: args.pageNo, PageSize: args.pageSize },
      { recovery: REPEAT, onSend },
    );
    return toPage(body, "domain", toDomainRecord);
  }

  /** Every domain of the region matching the filter, across all pages. */
  async listDomains(args: { keyWord?: string; status?: number } = {}, onSend?: () => void): Promise<DomainRecord[]> {
    return this.everyPage(
      (pageNo, pageSize, sent) => this.queryDomainByParam({ ...args, pageNo, pageSize }, sent),
      (d) => d.domainId,
      onSend,
    );
  }

  /**
   * The domain with exactly this name (case-insensitive), if any; KeyWord's
   * matching is not documented, so the region is listed and matched here.
   * Look-ups made at the same time share one listing.
   */
  async findDomainByName(domainName: string): Promise<DomainRecord | undefined> {
    const wanted = domainName.toLowerCase();
    return (await this.domainListing.fetch()).find((d) => d.domainName.toLowerCase() === wanted);
  }

  /**
   * Creates a sending domain. A lost answer is recovered by a look-up, as for
   * addresses: the domain the lost attempt made is found and returned.
   */
  async createDomain(args: { domainName: string; dkimSelector?: string }): Promise<{ domainId: string; recovered: boolean }> {
    const findMine = async () => {
      const mine = await this.findDomainByName(args.domainName);
      return mine ? { domainId: mine.domainId, recovered: true } : undefined;
    };
    return this.call(
      "CreateDomain",
      // The SDKs send the selector with a lower-case d.
      { DomainName: args.domainName, dkimSelector: args.dkimSelector || undefined },
      { recovery: { kind: "look-up", find: findMine, conflict: (err) => err.code === "InvalidDomainName.Duplicate" } },
      (body) => ({ domainId: asString(body.DomainId), recovered: false }),
    );
  }

  /** DescDomain: the records to publish, what DNS holds now, and each check's status. */
  async describeDomain(domainId: string): Promise<DomainDetail> {
    return this.call("DescDomain", { DomainId: domainId }, { recovery: REPEAT }, toDomainDetail);
  }

  /** CheckDomain: asks the service to check the domain's DNS now; returns the overall status. Paced to 10 a minute. */
  async checkDomain(domainId: string): Promise<number> {
    return this.call("CheckDomain", { DomainId: domainId }, { recovery: REPEAT }, (body) => asNumber(body.DomainStatus));
  }

  async deleteDomain(domainId: string): Promise<void> {
    // Repeated after a lost answer: the repeat meets the action's own not-found answer, which callers treat as deleted.
    await this.call("DeleteDomain", { DomainId: domainId }, { recovery: REPEAT });
  }

  // ---- the wire -------------------------------------------------------------------------

  private resolveCredentials(): Credentials {
    this.credentials ??= resolveCredentials(this.options.credentials);
    return this.credentials;
  }

  /**
   * One action, with the one retry loop: paced, retried under the policy and
   * the process's retry budget, and recovered after a lost answer as the
   * action declares. `read` turns the answer into the result.
   */
  private async call(action: string, params: Params, options: CallOptions<JsonObject>): Promise<JsonObject>;
  private async call<T>(action: string, params: Params, options: CallOptions<T>, read: (body: JsonObject) => T): Promise<T>;
  private async call<T>(action: string, params: Params, options: CallOptions<T>, read?: (body: JsonObject) => T): Promise<T> {
    const credentials = this.resolveCredentials();
    const actionParams: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) actionParams[name] = String(value);
    }
    const secrets = [
      credentials.accessKeySecret,
      credentials.securityToken,
      // Credentials written into an endpoint (user:pass@host) are never shown either.
      this.endpoint.password,
      decodeURIComponent(this.endpoint.password),
      ...(options.secretParams ?? []).map((name) => actionParams[name]),
    ];
    const context: RequestContext = Object.fromEntries(
      Object.entries({ ...actionParams, Action: action, RegionId: this.region }).filter(
        ([name]) => !(options.secretParams ?? []).includes(name),
      ),
    );
    const recovery = options.recovery;
    return withRetries({ action, policy: this.policy, recovery, budget: this.retryBudget }, async (_n, remainingMs) => {
      const release = this.pacer ? await this.pacer.acquire(this.budget(credentials), action) : undefined;
      try {
        const body = await this.send(action, actionParams, credentials, context, secrets, options, Math.min(this.timeoutMs, remainingMs));
        return read ? read(body) : (body as T);
      } catch (err) {
        // Not again within this window: a retry into it would be refused too.
        if (this.pacer && err instanceof DirectMailServiceError && err.kind === "throttled")
          this.pacer.holdOff(this.budget(credentials), action);
        throw err;
      } finally {
        release?.();
      }
    });
  }

  /** Whose budget a request spends: the account (by key), the endpoint and the region. */
  private budget(credentials: Credentials): string {
    return `${credentials.accessKeyId}@${this.endpoint.origin}/${this.region}`;
  }

  private async send(
    action: string,
    actionParams: Readonly<Record<string, string>>,
    credentials: Credentials,
    context: RequestContext,
    secrets: ReadonlyArray<string | undefined>,
    options: CallOptions<unknown>,
    timeoutMs: number,
  ): Promise<JsonObject> {
    // A fresh nonce and timestamp per attempt: the service refuses a reused nonce.
    const signed: Record<string, string> = {
      ...actionParams,
      Action: action,
      Version: API_VERSION,
      Format: "JSON",
      RegionId: this.region,
      AccessKeyId: credentials.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    if (credentials.securityToken) signed.SecurityToken = credentials.securityToken;
    // Parameters go in a POST body rather than the query string so that a
    // password never lands in a proxy's or load balancer's URL log.
    signed.Signature = signRpcRequest("POST", signed, credentials.accessKeySecret);

    let response;
    options.onSend?.();
    try {
      response = await this.transport.postForm(this.endpoint, signed, timeoutMs);
    } catch (err) {
      const failure = err instanceof TransportFailure ? err : new TransportFailure(String(err), true);
      throw new DirectMailTransportError(action, redactSecrets(failure.reason, secrets), failure.maybeDelivered);
    }
    return this.parse(action, response.status, response.body, context, secrets);
  }

  private parse(
    action: string,
    status: number,
    text: string,
    context: RequestContext,
    secrets: ReadonlyArray<string | undefined>,
  ): JsonObject {
    let body: JsonObject | undefined;
    try {
      body = asObject(JSON.parse(text));
    } catch {
      body = undefined;
    }
    if (status >= 200 && status < 300 && body) {
      return body;
    }
    const code = body ? asString(body.Code) || `HTTP${status}` : status >= 200 && status < 300 ? "InvalidResponse" : `HTTP${status}`;
    const message = body ? asString(body.Message) : text.slice(0, 200);
    return this.fail(action, code, status >= 300 ? status : 502, message, body, context, secrets);
  }

  private fail(
    action: string,
    code: string,
    status: number,
    message: string,
    body: JsonObject | undefined,
    context: RequestContext,
    secrets: ReadonlyArray<string | undefined>,
  ): never {
    throw new DirectMailServiceError(
      action,
      code,
      status,
      redactSecrets(message, secrets),
      body ? asString(body.RequestId) || undefined : undefined,
      body ? asString(body.Recommend) || undefined : undefined,
      context,
      this.endpoint.origin,
    );
  }
}
