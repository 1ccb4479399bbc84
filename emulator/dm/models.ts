import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import type { Sendtype } from "../../client/apiFacts";
import { DnsRecordValue, Purpose, PURPOSES, recordValues, REQUIRED_PURPOSES, rootDomain, StoredDomain } from "./domains/records";
import { ApiError, Errors } from "../exceptions";

/**
 * DirectMail's state and rules, with no knowledge of HTTP: what exists, what
 * is allowed, what each action changes. Every method runs synchronously, so
 * concurrent requests (one Node event loop) can never interleave inside one.
 */

export interface StoredAddress {
  id: number;
  accountName: string;
  sendtype: Sendtype;
  replyAddress: string;
  /** 0 verified, 1 not verified (UNCONFIRMED meaning; see README). */
  replyStatus: number;
  /** 0 normal, 1 frozen. */
  accountStatus: number;
  /** SHA-256 of the SMTP password, only to enforce "must differ from the previous one". */
  passwordHash?: string;
  createdAt: string;
  dailyCount: number;
  monthCount: number;
  dailyReqCount: number;
  monthReqCount: number;
}

export interface ReplyTicket {
  ticket: string;
  region: string;
  mailAddressId: number;
  replyAddress: string;
  expiresAt: number;
}

/** A verification mail the emulator "sent": what tests and demos read instead of a mailbox. */
export interface SentVerificationMail {
  readonly to: string;
  readonly ticket: string;
  readonly mailAddressId: number;
  readonly accountName: string;
  readonly region: string;
  readonly lang: string;
  readonly sentAt: string;
}

export interface NotifySetting {
  url: string;
  status: string;
}

export interface RegionState {
  addresses: StoredAddress[];
  /** Sending domains; files written before domains were kept carry none (the configured ones are added). */
  domains?: StoredDomain[];
  notifyUrls: Record<string, NotifySetting>;
  deletions: { month: string; count: number };
}

export interface DomainConfig {
  readonly name: string;
  readonly verified: boolean;
}

export interface ModelOptions {
  /** Domains every region starts with: verified ones as if set up long ago, unverified ones as just created. */
  readonly domains: readonly DomainConfig[];
  /** Sending domains per account, the configured ones included; DirectMail's FAQ says 5. */
  readonly domainLimit: number;
  /** Whether a usable domain can show the extra statuses 2-4 (UNCONFIRMED: older pages list them). */
  readonly extendedDomainStatuses: boolean;
  /** Sender addresses per account and region; DirectMail allows 10. */
  readonly addressLimit: number;
  /** Deletions per calendar month; DirectMail allows 10. 0 turns the check off. */
  readonly monthlyDeleteLimit: number;
  /** How long a reply-address verification ticket is valid; DirectMail says 10 minutes. */
  readonly ticketTtlMs: number;
  readonly now: () => Date;
}

export interface PersistedState {
  /** Ids are unique across regions, as database ids are. */
  readonly nextId: number;
  readonly regions: Record<string, RegionState>;
  readonly tickets: ReplyTicket[];
}

const MAX_ADDRESS_LENGTH = 192;
/**
 * A mailbox as the emulator accepts it. DirectMail documents only the
 * 192-character total; the rest is the emulator's choice, from RFC 5321/5322
 * (docs/directmail-api.md): a dot-atom local part of at most 64 characters,
 * and a domain of at least two labels of letters, digits and inner hyphens.
 * Written apart from the provider's own check on purpose.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function isMailbox(value: string): boolean {
  const at = value.indexOf("@");
  if (at <= 0 || at !== value.lastIndexOf("@")) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split(".");
  return local.length <= 64 && LOCAL_PART.test(local) && labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l));
}

/** What DescDomain and QueryDomainByParam show of a domain. */
export interface DomainView {
  readonly domain: StoredDomain;
  readonly root: string;
  readonly status: number;
  readonly records: Record<Purpose, DnsRecordValue>;
  readonly passed: readonly Purpose[];
}

/** Statuses 0 and 2-4 can send; 1 cannot. */
export const usable = (status: number): boolean => status !== 1;

/** CreateDomain's rule: 1-50 letters, digits, dots and hyphens; the emulator also wants two labels or more. */
function isDomainName(name: string): boolean {
  const labels = name.split(".");
  return name.length <= 50 && labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l));
}

/** At most 60 characters, no leading or trailing hyphen, none of the documented forbidden characters. */
function isDkimSelector(selector: string): boolean {
  return selector.length >= 1 && selector.length <= 60 && /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(selector);
}

function ownershipToken(seed: string): string {
  return createHash("sha256").update(`ownership:${seed}`).digest("hex").slice(0, 20);
}

function minuteTime(date: Date): string {
  return date.toISOString().slice(0, 16) + "Z";
}

/**
 * How a password is kept: salted scrypt, so that a state file that leaks (it is
 * the emulator's account, which users may copy around) does not give the
 * passwords away cheaply. Only equality is ever asked of it.
 */
function passwordRecord(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("base64")}$${scryptSync(password, salt, 32).toString("base64")}`;
}

function passwordMatches(record: string | undefined, password: string): boolean {
  if (!record) return false;
  const [scheme, salt, hash] = record.split("$");
  if (scheme === "scrypt" && salt && hash) {
    return timingSafeEqual(scryptSync(password, Buffer.from(salt, "base64"), 32), Buffer.from(hash, "base64"));
  }
  // State files written before salting kept an unsalted SHA-256; they still compare.
  return record === createHash("sha256").update(password, "utf8").digest("hex");
}

/** Verification mails kept for tests and demos to read: the most recent ones. */
const SENT_MAIL_KEPT = 1_000;

/** DirectMail's documented SMTP password rules. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10 || password.length > 20) return "length";
  const count = (re: RegExp) => (password.match(re) ?? []).length;
  if (count(/[0-9]/g) < 2 || count(/[A-Z]/g) < 2 || count(/[a-z]/g) < 2) return "character classes";
  if (/^(.)\1*$/.test(password)) return "one repeated character";
  return undefined;
}

export class DirectMailModel {
  private readonly regions = new Map<string, RegionState>();
  private tickets: ReplyTicket[] = [];
  private nextId = 100001;
  readonly sentMail: SentVerificationMail[] = [];

  constructor(private readonly options: ModelOptions) {}

  // ---- persistence ------------------------------------------------------------------------

  snapshot(): PersistedState {
    return structuredClone({ nextId: this.nextId, regions: Object.fromEntries(this.regions), tickets: this.tickets });
  }

  restore(state: PersistedState): void {
    this.regions.clear();
    for (const [name, region] of Object.entries(state.regions)) this.regions.set(name, structuredClone(region));
    this.tickets = structuredClone(state.tickets);
    // Files written before ids were account-wide carry no counter: continue after the highest id.
    const ids = Object.values(state.regions).flatMap((r) => [...r.addresses, ...(r.domains ?? [])].map((o) => o.id));
    const highest = Math.max(100000, ...ids);
    this.nextId = state.nextId ?? highest + 1;
  }

  private region(name: string): RegionState {
    let state = this.regions.get(name);
    if (!state) {
      state = { addresses: [], notifyUrls: {}, deletions: { month: "", count: 0 } };
      this.regions.set(name, state);
    }
    state.domains ??= this.options.domains.map((d) => this.configuredDomain(d));
    return state;
  }

  /** A configured domain: verified ones have every record published and checked. */
  private configuredDomain(config: DomainConfig): StoredDomain {
    const name = config.name.toLowerCase();
    return {
      id: this.nextId++,
      domainName: name,
      dkimSelector: "aliyun",
      createdAt: minuteTime(this.options.now()),
      ownershipToken: ownershipToken(name),
      published: config.verified ? [...PURPOSES] : [],
      passed: config.verified ? [...PURPOSES] : null,
      icpFiled: true,
    };
  }

  // ---- addresses --------------------------------------------------------------------------

  private find(region: string, id: number): StoredAddress {
    const found = this.region(region).addresses.find((a) => a.id === id);
    if (!found) throw Errors.addressIdNotFound();
    return found;
  }

  private findByName(region: string, accountName: string): StoredAddress {
    const found = this.region(region).addresses.find((a) => a.accountName === accountName.toLowerCase());
    if (!found) throw Errors.addressNotFound();
    return found;
  }

  private checkAddressForm(value: string, error: () => ApiError): void {
    if (value.length > MAX_ADDRESS_LENGTH) throw Errors.addressTooLong();
    if (!isMailbox(value)) throw error();
  }

  createMailAddress(region: string, args: { accountName: string; sendtype: string; replyAddress?: string }): StoredAddress {
    const accountName = args.accountName.toLowerCase();
    this.checkAddressForm(accountName, Errors.addressMalformed);
    if (args.sendtype !== "batch" && args.sendtype !== "trigger") throw Errors.sendtypeMalformed();
    if (args.replyAddress) this.checkAddressForm(args.replyAddress, Errors.replyAddressMalformed);
    const domainName = accountName.split("@")[1];
    const state = this.region(region);
    const domain = state.domains?.find((d) => d.domainName === domainName);
    if (!domain) throw Errors.domainNotFound();
    if (!usable(this.domainStatus(domain))) throw Errors.domainNotVerified();
    if (state.addresses.some((a) => a.accountName === accountName)) throw Errors.duplicate();
    if (state.addresses.length >= this.options.addressLimit) throw Errors.addressLimit();
    const address: StoredAddress = {
      id: this.nextId++,
      accountName,
      sendtype: args.sendtype,
      replyAddress: args.replyAddress ?? "",
      replyStatus: 1,
      accountStatus: 0,
      createdAt: minuteTime(this.options.now()),
      dailyCount: 10000,
      monthCount: 300000,
      dailyReqCount: 0,
      monthReqCount: 0,
    };
    state.addresses.push(address);
    return address;
  }

  /**
   * KeyWord is matched as a case-insensitive substring of the account name
   * (UNCONFIRMED: the docs do not say substring or prefix; substring also
   * finds every exact match, which is what callers rely on).
   */
  queryMailAddresses(
    region: string,
    args: { keyWord?: string; sendtype?: string; pageNo: number; pageSize: number },
  ): { total: number; items: StoredAddress[] } {
    const keyWord = args.keyWord?.toLowerCase();
    const matches = this.region(region)
      .addresses.filter((a) => !keyWord || a.accountName.includes(keyWord))
      .filter((a) => !args.sendtype || a.sendtype === args.sendtype);
    const start = (args.pageNo - 1) * args.pageSize;
    return { total: matches.length, items: matches.slice(start, start + args.pageSize) };
  }

  modifyMailAddress(region: string, args: { id: number; password?: string; replyAddress?: string }): void {
    const address = this.find(region, args.id);
    if (address.accountStatus !== 0) throw Errors.addressFrozen();
    // Validate everything before changing anything: a rejected request changes nothing.
    if (args.password !== undefined) {
      if (passwordProblem(args.password)) throw Errors.passwordMalformed();
      if (passwordMatches(address.passwordHash, args.password)) throw Errors.passwordEqualCurrent();
    }
    if (args.replyAddress) this.checkAddressForm(args.replyAddress, Errors.replyAddressMalformed);
    if (args.password !== undefined) address.passwordHash = passwordRecord(args.password);
    if (args.replyAddress && args.replyAddress !== address.replyAddress) {
      address.replyAddress = args.replyAddress;
      // UNCONFIRMED but likely: a new reply address has to be verified again.
      address.replyStatus = 1;
      this.tickets = this.tickets.filter((t) => !(t.region === region && t.mailAddressId === address.id));
    }
  }

  deleteMailAddress(region: string, id: number): void {
    const state = this.region(region);
    const address = this.find(region, id);
    if (address.accountStatus !== 0) throw Errors.addressFrozen();
    const month = this.options.now().toISOString().slice(0, 7);
    if (state.deletions.month !== month) state.deletions = { month, count: 0 };
    if (this.options.monthlyDeleteLimit > 0 && state.deletions.count >= this.options.monthlyDeleteLimit) {
      throw Errors.deleteLimit();
    }
    state.deletions.count++;
    state.addresses = state.addresses.filter((a) => a !== address);
    delete state.notifyUrls[address.accountName];
    this.tickets = this.tickets.filter((t) => !(t.region === region && t.mailAddressId === id));
  }

  /** Out-of-band changes the console can make but the API cannot (freezing); for tests and demos. */
  setAccountStatus(region: string, accountName: string, accountStatus: number): void {
    this.findByName(region, accountName).accountStatus = accountStatus;
  }

  // ---- reply-address verification ---------------------------------------------------------

  checkReplyToMailAddress(region: string, args: { id: number; lang?: string }): SentVerificationMail {
    const address = this.find(region, args.id);
    if (address.accountStatus !== 0) throw Errors.addressFrozen();
    if (!address.replyAddress) throw Errors.replyAddressNotSet();
    const ticket = randomBytes(16).toString("hex");
    // Expired tickets can never be used again: dropping them keeps the list (and the state file) bounded.
    const now = this.options.now().getTime();
    this.tickets = this.tickets.filter((t) => t.expiresAt > now);
    this.tickets.push({
      ticket,
      region,
      mailAddressId: address.id,
      replyAddress: address.replyAddress,
      expiresAt: this.options.now().getTime() + this.options.ticketTtlMs,
    });
    const mail: SentVerificationMail = {
      to: address.replyAddress,
      ticket,
      mailAddressId: address.id,
      accountName: address.accountName,
      region,
      lang: args.lang === "en" ? "en" : "zh",
      sentAt: this.options.now().toISOString(),
    };
    this.sentMail.push(mail);
    if (this.sentMail.length > SENT_MAIL_KEPT) this.sentMail.splice(0, this.sentMail.length - SENT_MAIL_KEPT);
    return mail;
  }

  /** Tickets are global (the link in the mail carries no region), so this takes none. */
  approveReplyMailAddress(ticket: string): void {
    const now = this.options.now().getTime();
    const found = this.tickets.find((t) => t.ticket === ticket && t.expiresAt > now);
    if (!found) throw Errors.ticketNotFound();
    const address = this.region(found.region).addresses.find((a) => a.id === found.mailAddressId);
    // A ticket for a reply address that has since changed proves nothing about the new one.
    if (!address || address.replyAddress !== found.replyAddress) throw Errors.ticketNotFound();
    address.replyStatus = 0;
    this.tickets = this.tickets.filter((t) => t !== found);
  }

  // ---- notify URL -------------------------------------------------------------------------

  updateNotifyUrl(region: string, args: { mailFrom: string; notifyUrl: string }): void {
    const address = this.findByName(region, args.mailFrom);
    if (!args.notifyUrl) {
      delete this.region(region).notifyUrls[address.accountName];
      return;
    }
    let url: URL;
    try {
      url = new URL(args.notifyUrl);
    } catch {
      throw Errors.notifyUrlMalformed();
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || args.notifyUrl.length > 512) {
      throw Errors.notifyUrlMalformed();
    }
    this.region(region).notifyUrls[address.accountName] = { url: args.notifyUrl, status: "1" };
  }

  getNotifyUrl(region: string, mailFrom: string): NotifySetting {
    const address = this.findByName(region, mailFrom);
    return this.region(region).notifyUrls[address.accountName] ?? { url: "", status: "0" };
  }

  // ---- domains ----------------------------------------------------------------------------

  private domains(region: string): StoredDomain[] {
    return this.region(region).domains as StoredDomain[];
  }

  private findDomain(region: string, id: number): StoredDomain {
    const found = this.domains(region).find((d) => d.id === id);
    if (!found) throw Errors.domainIdNotFound();
    return found;
  }

  /**
   * CreateDomain. Names are kept in lower case (UNCONFIRMED: the service may
   * keep the case given). A new domain starts unverified, nothing checked.
   */
  createDomain(region: string, args: { domainName: string; dkimSelector?: string }): StoredDomain {
    const name = args.domainName.toLowerCase();
    if (!isDomainName(name)) throw Errors.domainNameMalformed();
    if (args.dkimSelector !== undefined && !isDkimSelector(args.dkimSelector)) throw Errors.invalidParameter("dkimSelector");
    if (this.domains(region).some((d) => d.domainName === name)) throw Errors.domainDuplicate();
    const created = [...this.regions.values()].flatMap((r) => r.domains ?? []).filter((d) => !this.isConfigured(d.domainName));
    if (created.length + new Set(this.options.domains.map((d) => d.name.toLowerCase())).size >= this.options.domainLimit) {
      throw Errors.domainLimit();
    }
    const domain: StoredDomain = {
      id: this.nextId++,
      domainName: name,
      dkimSelector: args.dkimSelector || `aliyun-${region}`,
      createdAt: minuteTime(this.options.now()),
      ownershipToken: ownershipToken(`${name}:${this.nextId}`),
      published: [],
      passed: null,
      icpFiled: true,
    };
    this.domains(region).push(domain);
    return domain;
  }

  private isConfigured(domainName: string): boolean {
    return this.options.domains.some((d) => d.name.toLowerCase() === domainName);
  }

  describeDomain(region: string, id: number): DomainView {
    return this.view(region, this.findDomain(region, id));
  }

  /** CheckDomain: looks the records up in the simulated DNS and keeps what passed. */
  checkDomain(region: string, id: number): number {
    const domain = this.findDomain(region, id);
    domain.passed = [...domain.published];
    return this.domainStatus(domain);
  }

  /** A domain that still has sender addresses cannot be deleted (DirectMail's FAQ). */
  deleteDomain(region: string, id: number): void {
    const domain = this.findDomain(region, id);
    if (this.region(region).addresses.some((a) => a.accountName.endsWith(`@${domain.domainName}`))) throw Errors.domainInUse();
    const state = this.region(region);
    state.domains = this.domains(region).filter((d) => d !== domain);
  }

  queryDomains(region: string, args: { keyWord?: string; status?: number }): DomainView[] {
    const keyWord = args.keyWord?.toLowerCase();
    return this.domains(region)
      .filter((d) => !keyWord || d.domainName.includes(keyWord))
      .map((d) => this.view(region, d))
      .filter((v) => args.status === undefined || (args.status === 0 ? usable(v.status) : !usable(v.status)));
  }

  /**
   * The simulated DNS: marks a domain's records as published (or withdrawn),
   * as a person would at their DNS provider. `purposes` defaults to all.
   * The service notices at the next CheckDomain.
   */
  publishDnsRecords(region: string, domainName: string, purposes: readonly Purpose[] = PURPOSES, published = true): StoredDomain {
    // Only a region the emulator has seen: touching a new one would add the configured domains of this process.
    const domain = this.regions.get(region)?.domains?.find((d) => d.domainName === domainName.toLowerCase());
    if (!domain) throw new Error(`the emulator has no domain ${domainName} in ${region}`);
    const rest = domain.published.filter((p) => !purposes.includes(p));
    domain.published = published ? [...rest, ...purposes] : rest;
    return domain;
  }

  private domainStatus(domain: StoredDomain): number {
    const passed = domain.passed ?? [];
    if (!REQUIRED_PURPOSES.every((p) => passed.includes(p))) return 1;
    if (!this.options.extendedDomainStatuses) return 0;
    const cname = passed.includes("tracking");
    if (!cname && !domain.icpFiled) return 2;
    if (!domain.icpFiled) return 3;
    return cname ? 0 : 4;
  }

  private view(region: string, domain: StoredDomain): DomainView {
    return {
      domain,
      root: rootDomain(domain.domainName),
      status: this.domainStatus(domain),
      records: recordValues(region, domain),
      passed: domain.passed ?? [],
    };
  }

  /** Whether `password` is the address's SMTP password, as an SMTP login would find (for tests and benchmarks). */
  passwordIs(id: number, password: string): boolean {
    const address = this.allAddresses().find((a) => a.id === id);
    return address !== undefined && passwordMatches(address.passwordHash, password);
  }

  /** Every address in every region, for tests and the CLI's summary. */
  allAddresses(): Array<StoredAddress & { region: string }> {
    return [...this.regions].flatMap(([region, state]) => state.addresses.map((a) => ({ ...a, region })));
  }
}
