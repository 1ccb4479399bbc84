import { inspect } from "node:util";
import { credentialChain, CredentialInputs } from "./credentials/chain";
import type { CredentialSource } from "./credentials/types";
import { DEFAULT_REGION, resolveEndpoint } from "./rpc/endpoints";
import { DirectMailServiceError, isGone, PasswordRefusedError, RequestContext } from "./errors";
import { Pacer, PROCESS_PACER } from "./resilience/pacer";
import { Announcement, FetchOptions, SharedListing } from "./resilience/sharedListing";
import { byName, everyPage } from "./resilience/listing";
import { DEFAULT_RETRY_POLICY, RetryPolicy, withRetries } from "./resilience/retry";
import { PROCESS_RETRY_BUDGET, RetryBudget } from "./resilience/retryBudget";
import { sendRpc } from "./rpc/call";
import { Transport } from "./rpc/transport";
import type { Page } from "./rpc/answers";
import { Action, recoveryOf } from "./actions/action";
import * as addresses from "./actions/addresses";
import * as domains from "./actions/domains";
import * as notifyUrls from "./actions/notifyUrls";
import * as receivers from "./actions/receivers";
import type { MemberPage, ReceiverMember, ReceiverRecord, SaveOutcome } from "./actions/receiverShapes";
import * as tags from "./actions/tags";
import type { MailAddressRecord } from "./actions/addressShapes";
import type { DomainDetail, DomainRecord } from "./actions/domainShapes";
import type { NotifyUrlSetting } from "./actions/notifyUrlShapes";
import type { TagRecord } from "./actions/tagShapes";
import * as sending from "./actions/sending";
import type { SentMail, SingleSendMailArgs } from "./actions/sendingShapes";
import type { Sendtype } from "./apiFacts";

export { API_VERSION } from "./apiFacts";

/** SaveReceiverDetail's documented limit. */
export const MEMBERS_PER_SAVE = 500;
/**
 * Members asked for per QueryReceiverDetail page, largest first. The service's
 * maximum is UNCONFIRMED: a smaller page than asked is followed by NextStart,
 * and a size it refuses outright is replaced by the next (undefined: its
 * documented default of 10).
 */
const MEMBER_PAGE_SIZES: ReadonlyArray<number | undefined> = [100, 50, undefined];
/** 10,000 members at even 10 a page, with room. */
const MAX_MEMBER_PAGES = 2_000;
const RECEIVER_PAGE_SIZE = 100;

export interface ClientOptions {
  /** DirectMail region; picks the endpoint and is sent as RegionId. Default cn-hangzhou. */
  readonly region?: string;
  /** An explicit endpoint (URL or host) instead of the region's public one. */
  readonly endpoint?: string;
  /**
   * How error messages name the endpoint; default its origin. The embedded
   * emulator is named by its state file: its port is new in every process and
   * would tell the reader nothing.
   */
  readonly endpointName?: string;
  /**
   * Where the keys come from: a source (shared by the clients of one account,
   * so that they share its session), or the chain's inputs (see credentialChain).
   */
  readonly credentials?: CredentialInputs | CredentialSource;
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

/**
 * A DirectMail API client for the sender-address, notify-URL, domain, tag and
 * recipient-list actions. Each action is declared once in actions/<area>.ts; the methods here
 * are the typed entry points over them. One instance per region and endpoint;
 * it pools its connections, so reuse it.
 */
export class DirectMailClient {
  readonly region: string;
  // Secrets live in #private fields only (the options hold the credentials and the environment, the
  // endpoint may hold a password): util.inspect, JSON.stringify and a debugger's listing never show them.
  readonly #endpoint: URL;
  readonly #options: ClientOptions;
  #source?: CredentialSource;
  private readonly transport: Transport;
  private readonly policy: RetryPolicy;
  private readonly pacer: Pacer | undefined;
  private readonly retryBudget: RetryBudget | undefined;
  private readonly timeoutMs: number;
  private readonly listing: SharedListing<MailAddressRecord[]>;
  private readonly domainListing: SharedListing<DomainRecord[]>;
  private readonly tagListing: SharedListing<TagRecord[]>;
  /** Where in MEMBER_PAGE_SIZES this client is: past the sizes the service refused. */
  private memberPageStep = 0;

  constructor(options: ClientOptions = {}) {
    this.#options = options;
    this.region = options.region ?? DEFAULT_REGION;
    this.#endpoint = resolveEndpoint(this.region, options.endpoint);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.pacer = options.pacer === false ? undefined : (options.pacer ?? PROCESS_PACER);
    this.retryBudget = options.retryBudget === false ? undefined : (options.retryBudget ?? PROCESS_RETRY_BUDGET);
    this.listing = new SharedListing((sent) => this.listMailAddresses({}, sent), options.lookupGatherMs ?? 150);
    this.domainListing = new SharedListing((sent) => this.listDomains({}, sent), options.lookupGatherMs ?? 150);
    this.tagListing = new SharedListing((sent) => this.listTags({}, sent), options.lookupGatherMs ?? 150);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.transport = new Transport({ timeoutMs: this.timeoutMs, connections: options.connections ?? 8 });
  }

  /** The endpoint requests go to (with any credentials written into it, which nothing this client shows includes). */
  get endpoint(): URL {
    return this.#endpoint;
  }

  /** What a log shows of the client: where it sends, never a secret. */
  toJSON(): { region: string; endpoint: string } {
    return { region: this.region, endpoint: this.#endpoint.origin };
  }

  [inspect.custom](): string {
    return `DirectMailClient ${inspect(this.toJSON())}`;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  // ---- sender addresses -------------------------------------------------------------------

  /**
   * Creates the address. A lost answer is recovered by a look-up: the address
   * the lost attempt made is found and returned (`recovered: true`), and
   * nothing is left behind unrecorded even when every attempt loses its answer.
   */
  createMailAddress(args: { accountName: string; sendtype: Sendtype; replyAddress?: string }): Promise<addresses.CreatedAddress> {
    return this.call(addresses.createMailAddress, args);
  }

  queryMailAddressByParam(
    args: { keyWord?: string; sendtype?: Sendtype; pageNo?: number; pageSize?: number } = {},
    onSend?: () => void,
  ): Promise<Page<MailAddressRecord>> {
    return this.call(addresses.queryMailAddressByParam, args, onSend);
  }

  /** Every address matching the filter, across all pages. */
  listMailAddresses(
    args: { keyWord?: string; sendtype?: Sendtype; pageSize?: number } = {},
    onSend?: () => void,
  ): Promise<MailAddressRecord[]> {
    return everyPage(
      (pageNo, pageSize, sent) => this.queryMailAddressByParam({ keyWord: args.keyWord, sendtype: args.sendtype, pageNo, pageSize }, sent),
      (m) => m.mailAddressId,
      onSend,
      args.pageSize,
    );
  }

  /**
   * The address with exactly this account name (case-insensitive: the service
   * stores lower case), if any; never a substring match. Look-ups made at the
   * same time share one listing of the region (see SharedListing); with
   * `recentMs`, a listing answered at most that long ago serves too (for reads
   * that need no answer newer than their question, as a refresh).
   */
  async findMailAddressByName(accountName: string, options: FetchOptions = {}): Promise<MailAddressRecord | undefined> {
    return byName(await this.listing.fetch(options), (m) => m.accountName, accountName);
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
   * Sets the password and/or the reply address. A password the service
   * already has counts as set (actions/addresses.ts); the service refuses the
   * whole request then, so a reply address sent with it is sent again alone.
   * Without a lost answer, a plain refusal of a password that keeps every rule
   * is a PasswordRefusedError.
   */
  async modifyMailAddress(args: { mailAddressId: string; password?: string; replyAddress?: string }): Promise<void> {
    const { password } = args;
    let outcome: addresses.ModifyOutcome;
    try {
      outcome = await this.call(addresses.modifyMailAddress, args);
    } catch (err) {
      if (password !== undefined && err instanceof DirectMailServiceError && addresses.refusedAsRepeat(err, password)) {
        throw new PasswordRefusedError(args.mailAddressId, err);
      }
      throw err;
    }
    if (outcome === "already-set" && args.replyAddress !== undefined) {
      // Setting a reply address to a value is the same however often it is done.
      await this.call(addresses.modifyMailAddress, { mailAddressId: args.mailAddressId, replyAddress: args.replyAddress });
    }
  }

  async deleteMailAddress(mailAddressId: string): Promise<void> {
    await this.call(addresses.deleteMailAddress, mailAddressId);
  }

  async checkReplyToMailAddress(args: { mailAddressId: string; lang?: string; region?: string }): Promise<void> {
    await this.call(addresses.checkReplyToMailAddress, { ...args, region: args.region ?? this.region });
  }

  async approveReplyMailAddress(ticket: string): Promise<void> {
    await this.call(addresses.approveReplyMailAddress, ticket);
  }

  // ---- sending ----------------------------------------------------------------------------

  /** Sends one mail (to at most 100 recipients). A lost answer is reported, not repeated: a repeat could send it twice. */
  singleSendMail(args: SingleSendMailArgs): Promise<SentMail> {
    return this.call(sending.singleSendMail, args);
  }

  // ---- notify URLs ------------------------------------------------------------------------

  async updateMailAddressMsgCallBackUrl(args: { mailFrom: string; notifyUrl?: string }): Promise<void> {
    await this.call(notifyUrls.updateMailAddressMsgCallBackUrl, args);
  }

  getMailAddressMsgCallBackUrl(mailFrom: string): Promise<NotifyUrlSetting> {
    return this.call(notifyUrls.getMailAddressMsgCallBackUrl, mailFrom);
  }

  // ---- sending domains --------------------------------------------------------------------

  queryDomainByParam(
    args: { keyWord?: string; status?: number; pageNo?: number; pageSize?: number } = {},
    onSend?: () => void,
  ): Promise<Page<DomainRecord>> {
    return this.call(domains.queryDomainByParam, args, onSend);
  }

  /** Every domain of the region matching the filter, across all pages. */
  listDomains(args: { keyWord?: string; status?: number } = {}, onSend?: () => void): Promise<DomainRecord[]> {
    return everyPage(
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
    return byName(await this.domainListing.fetch(), (d) => d.domainName, domainName);
  }

  /** Creates a sending domain; a lost answer is recovered by a look-up, as for addresses. */
  createDomain(args: { domainName: string; dkimSelector?: string }): Promise<{ domainId: string; recovered: boolean }> {
    return this.call(domains.createDomain, args);
  }

  /** DescDomain: the records to publish, what DNS holds now, and each check's status. */
  describeDomain(domainId: string): Promise<DomainDetail> {
    return this.call(domains.descDomain, domainId);
  }

  /** CheckDomain: asks the service to check the domain's DNS now; returns the overall status. */
  checkDomain(domainId: string): Promise<number> {
    return this.call(domains.checkDomain, domainId);
  }

  async deleteDomain(domainId: string): Promise<void> {
    await this.call(domains.deleteDomain, domainId);
  }

  // ---- recipient lists and their members ------------------------------------------------

  /** Creates a recipient list; a lost answer is recovered by a look-up by its (unique) name. */
  createReceiver(args: { receiversName: string; receiversAlias: string; desc?: string }): Promise<receivers.CreatedReceiver> {
    return this.call(receivers.createReceiver, args);
  }

  queryReceiverByParam(args: { keyWord?: string; pageNo?: number; pageSize?: number } = {}): Promise<Page<ReceiverRecord>> {
    return this.call(receivers.queryReceiverByParam, args);
  }

  /**
   * Every list of the region. Asked 100 at a time (an account has at most 10),
   * so one call answers it whether or not the service still honours PageNo.
   */
  listReceivers(args: { keyWord?: string } = {}): Promise<ReceiverRecord[]> {
    return everyPage(
      (pageNo, pageSize) => this.queryReceiverByParam({ keyWord: args.keyWord, pageNo, pageSize }),
      (r) => r.receiverId,
      undefined,
      RECEIVER_PAGE_SIZE,
    );
  }

  /** The list with exactly this name (names are unique in an account), if any; never a keyword match. */
  async findReceiverByName(receiversName: string): Promise<ReceiverRecord | undefined> {
    return (await this.listReceivers()).find((r) => r.receiversName === receiversName);
  }

  /** The list with this id, if the region has it. */
  async findReceiverById(receiverId: string): Promise<ReceiverRecord | undefined> {
    return (await this.listReceivers()).find((r) => r.receiverId === receiverId);
  }

  /**
   * Deletes the list, members and all. Whether the service takes a list that
   * still has members is UNCONFIRMED: refused with DeleteReceiver's documented
   * status code, the members are removed one by one (paced to
   * DeleteReceiverDetail's 20 a second) and the delete is sent once more.
   */
  async deleteReceiver(receiverId: string): Promise<void> {
    try {
      await this.call(receivers.deleteReceiver, receiverId);
    } catch (err) {
      if (!receivers.refusedListStatus(err)) throw err;
      const members = await this.listReceiverMembers(receiverId);
      if (members.length === 0) throw err;
      for (const member of members) {
        await this.deleteReceiverDetail(receiverId, member.email).catch((e: unknown) => {
          if (!isGone(e)) throw e;
        });
      }
      await this.call(receivers.deleteReceiver, receiverId);
    }
  }

  /** Saves at most 500 members in one call; the answer names those the service refused. */
  saveReceiverDetail(receiverId: string, members: readonly ReceiverMember[]): Promise<SaveOutcome> {
    if (members.length > MEMBERS_PER_SAVE) throw new RangeError(`SaveReceiverDetail takes at most ${MEMBERS_PER_SAVE} members a call`);
    return this.call(receivers.saveReceiverDetail, { receiverId, members, part: "fields" });
  }

  /** The members' template variables (CustomDetail), each member's set whole. */
  saveReceiverVariables(receiverId: string, members: readonly ReceiverMember[]): Promise<SaveOutcome> {
    if (members.length > MEMBERS_PER_SAVE) throw new RangeError(`SaveReceiverDetail takes at most ${MEMBERS_PER_SAVE} members a call`);
    return this.call(receivers.saveReceiverDetail, { receiverId, members, part: "variables" });
  }

  queryReceiverDetail(args: { receiverId: string; keyWord?: string; pageSize?: number; nextStart?: string }): Promise<MemberPage> {
    return this.call(receivers.queryReceiverDetail, args);
  }

  /** One page of members, of the largest size the service has not refused (a refusal of the size is asked again by the next). */
  private async memberPage(args: { receiverId: string; keyWord?: string; nextStart?: string }): Promise<MemberPage> {
    for (;;) {
      const step = this.memberPageStep;
      const pageSize = MEMBER_PAGE_SIZES[step];
      try {
        return await this.queryReceiverDetail({ ...args, pageSize });
      } catch (err) {
        // The same request at the default size is refused for some other reason: that is the answer.
        if (pageSize === undefined || !receivers.refusedAsInput(err)) throw err;
        this.memberPageStep = Math.max(this.memberPageStep, step + 1);
      }
    }
  }

  /**
   * Every member of the list, paged by NextStart. Stops on an empty token, on a
   * token seen before, on a page with nothing new, and at a bound, whatever the
   * server answers; a member is kept once.
   */
  async listReceiverMembers(receiverId: string): Promise<ReceiverMember[]> {
    const byEmail = new Map<string, ReceiverMember>();
    const tokens = new Set<string>();
    let nextStart: string | undefined;
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const answer = await this.memberPage({ receiverId, nextStart });
      const before = byEmail.size;
      for (const member of answer.members) if (!byEmail.has(member.email)) byEmail.set(member.email, member);
      if (!answer.next || tokens.has(answer.next) || byEmail.size === before) break;
      tokens.add(answer.next);
      nextStart = answer.next;
    }
    return [...byEmail.values()];
  }

  /**
   * Removes one member; one the list does not have counts as removed (the
   * caller sees `isGone`, or a plain success). How the service answers for an
   * email the list lacks is UNCONFIRMED: besides success or a not-found code,
   * it may give the action's one documented refusal of a recipient email, so
   * that refusal is looked into, and counts as removed when the list does not
   * have the member.
   */
  async deleteReceiverDetail(receiverId: string, email: string): Promise<void> {
    try {
      await this.call(receivers.deleteReceiverDetail, { receiverId, email });
    } catch (err) {
      if (!receivers.refusedMemberEmail(err) || (await this.hasMember(receiverId, email))) throw err;
    }
  }

  /**
   * Whether the list has this member: a page asked by KeyWord when the email
   * fits it (its match mode is UNCONFIRMED, so the page is searched for the
   * email itself, and trusted only when it is the whole answer), else every page.
   */
  private async hasMember(receiverId: string, email: string): Promise<boolean> {
    const same = (m: ReceiverMember) => m.email.toLowerCase() === email.toLowerCase();
    if (email.length <= receivers.MEMBER_KEYWORD_MAX) {
      const page = await this.memberPage({ receiverId, keyWord: email });
      if (page.members.some(same)) return true;
      if (!page.next) return false;
    }
    return (await this.listReceiverMembers(receiverId)).some(same);
  }

  // ---- mail tags --------------------------------------------------------------------------

  /** Creates a tag; a lost answer is recovered by looking the tag up by name, as for addresses. */
  createTag(args: { tagName: string; tagDescription?: string }): Promise<tags.CreatedTag> {
    return this.call(tags.createTag, args);
  }

  /** Sets the name and the description (TagName is required on every call; "" clears the description). */
  async modifyTag(args: { tagId: string; tagName: string; tagDescription: string }): Promise<void> {
    await this.call(tags.modifyTag, args);
  }

  async deleteTag(tagId: string): Promise<void> {
    await this.call(tags.deleteTag, tagId);
  }

  /** One page; the service's own "no tag" answer to a query reads as an empty page. */
  async queryTagByParam(
    args: { keyWord?: string; pageNo?: number; pageSize?: number } = {},
    onSend?: () => void,
  ): Promise<Page<TagRecord>> {
    try {
      return await this.call(tags.queryTagByParam, args, onSend);
    } catch (err) {
      if (isGone(err)) return { totalCount: -1, pageNumber: args.pageNo ?? 1, pageSize: args.pageSize ?? -1, items: [] };
      throw err;
    }
  }

  /**
   * Every tag matching the filter, across all pages. Pages of 10: the smallest
   * page any source shows, so a server that allows no more still pages
   * correctly (no maximum is documented), and an account at the documented
   * limit of 10 tags is one page.
   */
  listTags(args: { keyWord?: string } = {}, onSend?: () => void): Promise<TagRecord[]> {
    return everyPage(
      (pageNo, pageSize, sent) => this.queryTagByParam({ keyWord: args.keyWord, pageNo, pageSize }, sent),
      (t) => t.tagId,
      onSend,
      10,
    );
  }

  /**
   * The tag with exactly this name (case-insensitive), if any; KeyWord's
   * matching is not documented, so the region is listed and matched here.
   * Look-ups made at the same time share one listing; `recentMs` as for addresses.
   */
  async findTagByName(tagName: string, options: FetchOptions = {}): Promise<TagRecord | undefined> {
    return byName(await this.tagListing.fetch(options), (t) => t.tagName, tagName);
  }

  /** The tag with this id, if the region has it, from the same shared listing (there is no GetTag action). */
  async findTagById(tagId: string, options: FetchOptions = {}): Promise<TagRecord | undefined> {
    return (await this.tagListing.fetch(options)).find((t) => t.tagId === tagId);
  }

  // ---- the wire -------------------------------------------------------------------------

  /** The chain is built on first use (a client that makes no call reads no file), then kept: its sessions live in it. */
  private credentialSource(): CredentialSource {
    const given = this.#options.credentials;
    this.#source ??= given && "get" in given ? given : credentialChain(given);
    return this.#source;
  }

  /**
   * One action, with the one retry loop: paced, retried under the policy and
   * the process's retry budget, and recovered after a lost answer as the
   * action declares.
   */
  private async call<Args, Result>(action: Action<Args, Result>, args: Args, onSend?: () => void): Promise<Result> {
    const source = this.credentialSource();
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(action.params(args))) {
      if (value !== undefined) params[name] = String(value);
    }
    const secretParams = action.secretParams ?? [];
    const secrets = [
      // Credentials written into an endpoint (user:pass@host) are never shown either.
      this.endpoint.password,
      decodeURIComponent(this.endpoint.password),
      ...secretParams.map((name) => params[name]),
    ];
    const context: RequestContext = Object.fromEntries(
      Object.entries({ ...params, Action: action.name, RegionId: this.region }).filter(([name]) => !secretParams.includes(name)),
    );
    const recovery = recoveryOf(action, args, this);
    const budget = this.budget(source);
    return withRetries({ action: action.name, policy: this.policy, recovery, budget: this.retryBudget }, async (_n, remainingMs) => {
      // Asked at every attempt: a session that expired during the retries (or a long wait) is replaced, never sent.
      const credentials = await source.get();
      const release = this.pacer ? await this.pacer.acquire(budget, action.name) : undefined;
      try {
        const body = await sendRpc(this.transport, {
          action: action.name,
          params,
          region: this.region,
          endpoint: this.endpoint,
          endpointName: this.#options.endpointName,
          credentials,
          context,
          secrets: [credentials.accessKeySecret, credentials.securityToken, ...secrets],
          goneCodes: action.goneCodes ?? [],
          timeoutMs: Math.min(this.timeoutMs, remainingMs),
          onSend,
        });
        return action.read(body);
      } catch (err) {
        // Not again within this window: a retry into it would be refused too.
        if (this.pacer && err instanceof DirectMailServiceError && err.kind === "throttled") this.pacer.holdOff(budget, action.name);
        throw err;
      } finally {
        release?.();
      }
    });
  }

  /**
   * Whose budget a request spends: the account (as the source knows it, the
   * same while its keys rotate), the endpoint and the region.
   */
  private budget(source: CredentialSource): string {
    return `${source.account}@${this.endpoint.origin}/${this.region}`;
  }
}
