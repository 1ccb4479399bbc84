import type { StoredAddress } from "./dm/addresses/models";
import type { DirectMailModels } from "./dm/context";
import { publishDnsRecords } from "./dm/domains/models";
import type { Purpose, StoredDomain } from "./dm/domains/records";
import type { SentVerificationMail } from "./dm/replyVerification/models";
import type { StoredReceiver } from "./dm/receivers/models";
import type { StoredTag } from "./dm/tags/models";
import type { MessageFilter, StoredMessage } from "./dm/sending/models";
import { RequestRecord, RequestTally, tallyRequests } from "./gateway/requestLog";
import type { AccountState, PersistedState } from "./state/account";
import { onAccount, StateFile } from "./state/stateFile";

/**
 * The emulator's back door: what tests, benchmarks and people may see and do
 * that the API does not offer. Reading the account, the mail it "sent", the
 * requests it handled; playing the DNS provider and the console. Nothing else
 * reaches the models from outside the emulator.
 */

export interface DnsChange {
  readonly domainName: string;
  /** Default cn-hangzhou. */
  readonly region?: string;
  /** Which records; default all of them. */
  readonly records?: readonly Purpose[];
  /** `withdraw` takes them down again. Default `publish`. */
  readonly action?: "publish" | "withdraw";
}

/** Applies a DNS change to an account: shared by the inspector and the CLI's `dns` command. */
export function applyDnsChange(account: AccountState, change: DnsChange): void {
  publishDnsRecords(account, change.region ?? "cn-hangzhou", change.domainName, change.records, change.action !== "withdraw");
}

export class Inspector {
  constructor(
    private readonly account: AccountState,
    private readonly models: DirectMailModels,
    private readonly actions: ReadonlyMap<string, { readonly mutates: boolean }>,
    private readonly stateFile: StateFile | undefined,
    /** Every request handled, oldest first (bounded). */
    readonly requests: RequestRecord[],
  ) {}

  /** Verification mails "sent" by CheckReplyToMailAddress, oldest first. */
  get sentMail(): readonly SentVerificationMail[] {
    return this.models.replies.sentMail;
  }

  /**
   * The simulated DNS: publishes (or withdraws) a domain's records, as a person
   * at their DNS provider would; the service notices at its next CheckDomain.
   */
  async dns(change: DnsChange): Promise<void> {
    const work = () => applyDnsChange(this.account, change);
    if (this.stateFile) await this.stateFile.transact(true, work);
    else work();
  }

  /** The console's freezing (1) and unfreezing (0) of an address, which the API cannot do. */
  setAccountStatus(region: string, accountName: string, accountStatus: number): void {
    this.models.addresses.setAccountStatus(region, accountName, accountStatus);
  }

  /** The quotas the account's plan gives an address (DailyCount, MonthCount), which no API sets. */
  setQuota(region: string, accountName: string, quota: { daily?: number; monthly?: number }): void {
    this.models.addresses.setQuota(region, accountName, quota);
  }

  /** Whether `password` is the address's SMTP password, as an SMTP login would find. */
  passwordIs(id: number, password: string): boolean {
    return this.models.addresses.passwordIs(id, password);
  }

  /** Every address in every region, with its region. */
  allAddresses(): Array<StoredAddress & { region: string }> {
    return this.models.addresses.allAddresses();
  }

  /** Every sending domain in every region, with its region. */
  allDomains(): Array<StoredDomain & { region: string }> {
    return this.account.allRegions().flatMap(([region, state]) => state.domains.map((d) => ({ ...d, region })));
  }

  /** Every mail tag in every region, with its region. */
  allTags(): Array<StoredTag & { region: string }> {
    return this.models.tags.allTags();
  }

  /** The whole account, as the state file would hold it (a copy). */
  snapshot(): PersistedState {
    return this.account.snapshot();
  }

  /** Requests that changed something, as seen so far. */
  mutatingRequests(): RequestRecord[] {
    return this.requests.filter((r) => this.actions.get(r.action)?.mutates === true && r.status === 200);
  }

  /**
   * The mail the account accepted (SingleSendMail and SMTP), oldest first; with
   * a state file, as the file has it now (another process may have sent since).
   */
  async messages(filter: MessageFilter = {}): Promise<StoredMessage[]> {
    return onAccount(this.stateFile, false, () => this.models.sending.messages(filter));
  }

  /** Forgets every accepted message; resolves to how many there were. */
  async clearMessages(): Promise<number> {
    return onAccount(this.stateFile, true, () => this.models.sending.clear());
  }

  /** The requests since `since` (an index into `requests`), counted by action. */
  tallyRequests(since = 0): RequestTally {
    return tallyRequests(this.requests.slice(since));
  }

  /** Every recipient list in every region, with its region and members (a copy). */
  allReceivers(): Array<StoredReceiver & { region: string }> {
    return this.account.allRegions().flatMap(([region, state]) => (state.receivers ?? []).map((r) => ({ ...structuredClone(r), region })));
  }
}
