import type { Sendtype } from "../../../client/apiFacts";
import { Errors } from "../../exceptions";
import type { AccountState } from "../../state/account";
import { usable, DomainModel } from "../domains/models";
import { checkMailboxForm } from "../mailbox";
import { minuteTime, ModelOptions } from "../options";
import { forgetTickets } from "../replyVerification/models";
import { passwordMatches, passwordRecord } from "./passwordHash";
import { passwordProblem } from "./passwordRules";

export interface StoredAddress {
  id: number;
  accountName: string;
  sendtype: Sendtype;
  replyAddress: string;
  /** 0 verified, 1 not verified (UNCONFIRMED meaning; see README). */
  replyStatus: number;
  /** 0 normal, 1 frozen. */
  accountStatus: number;
  /** The SMTP password as passwordHash.ts keeps it (salted scrypt), only to enforce "must differ from the previous one". */
  passwordHash?: string;
  createdAt: string;
  dailyCount: number;
  monthCount: number;
  dailyReqCount: number;
  monthReqCount: number;
  /** The day (YYYY-MM-DD, UTC) and month (YYYY-MM) the counts above are of; absent in files written before sending. */
  usageDay?: string;
  usageMonth?: string;
}

/**
 * Sender addresses: CreateMailAddress, QueryMailAddressByParam,
 * ModifyMailAddress, DeleteMailAddress. Every method runs synchronously, so
 * concurrent requests (one Node event loop) can never interleave inside one.
 */
export class AddressModel {
  constructor(
    private readonly account: AccountState,
    private readonly domains: DomainModel,
    private readonly options: ModelOptions,
  ) {}

  find(region: string, id: number): StoredAddress {
    const found = this.account.region(region).addresses.find((a) => a.id === id);
    if (!found) throw Errors.addressIdNotFound();
    return found;
  }

  findByName(region: string, accountName: string): StoredAddress {
    const found = this.account.region(region).addresses.find((a) => a.accountName === accountName.toLowerCase());
    if (!found) throw Errors.addressNotFound();
    return found;
  }

  createMailAddress(region: string, args: { accountName: string; sendtype: string; replyAddress?: string }): StoredAddress {
    const accountName = args.accountName.toLowerCase();
    checkMailboxForm(accountName, Errors.addressMalformed);
    if (args.sendtype !== "batch" && args.sendtype !== "trigger") throw Errors.sendtypeMalformed();
    if (args.replyAddress) checkMailboxForm(args.replyAddress, Errors.replyAddressMalformed);
    const domainName = accountName.split("@")[1];
    const state = this.account.region(region);
    const domain = this.domains.byName(region, domainName);
    if (!domain) throw Errors.addressDomainNotConfigured();
    if (!usable(this.domains.domainStatus(domain))) throw Errors.domainNotVerified();
    if (state.addresses.some((a) => a.accountName === accountName)) throw Errors.addressDuplicate();
    if (state.addresses.length >= this.options.addressLimit) throw Errors.addressLimit();
    const address: StoredAddress = {
      id: this.account.newId(),
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
    const matches = this.account
      .region(region)
      .addresses.filter((a) => !keyWord || a.accountName.includes(keyWord))
      .filter((a) => !args.sendtype || a.sendtype === args.sendtype);
    const start = (args.pageNo - 1) * args.pageSize;
    return { total: matches.length, items: matches.slice(start, start + args.pageSize) };
  }

  modifyMailAddress(
    region: string,
    args: { id: number; password?: string; replyAddress?: string },
    replyStatusOnChange: "reset" | "kept" = "reset",
  ): void {
    const address = this.find(region, args.id);
    if (address.accountStatus !== 0) throw Errors.addressFrozen();
    // Validate everything before changing anything: a rejected request changes nothing.
    if (args.password !== undefined) {
      if (passwordProblem(args.password)) throw Errors.passwordMalformed();
      if (passwordMatches(address.passwordHash, args.password)) throw Errors.passwordEqualCurrent();
    }
    if (args.replyAddress) checkMailboxForm(args.replyAddress, Errors.replyAddressMalformed);
    if (args.password !== undefined) address.passwordHash = passwordRecord(args.password);
    if (args.replyAddress && args.replyAddress !== address.replyAddress) {
      address.replyAddress = args.replyAddress;
      // UNCONFIRMED (the dialect's replyStatusOnChange): likely, a new reply address has to be verified again.
      if (replyStatusOnChange === "reset") address.replyStatus = 1;
      forgetTickets(this.account, region, address.id);
    }
  }

  deleteMailAddress(region: string, id: number): void {
    const state = this.account.region(region);
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
    forgetTickets(this.account, region, id);
  }

  /** What the address has sent today and this month (counts of an earlier day or month read as 0). */
  usage(address: StoredAddress): { daily: number; monthly: number } {
    const today = this.options.now().toISOString();
    return {
      daily: address.usageDay === today.slice(0, 10) ? address.dailyReqCount : 0,
      monthly: address.usageMonth === today.slice(0, 7) ? address.monthReqCount : 0,
    };
  }

  /** Counts `cost` sent mails against the address's day and month. */
  countUsage(address: StoredAddress, cost: number): void {
    const { daily, monthly } = this.usage(address);
    const today = this.options.now().toISOString();
    address.dailyReqCount = daily + cost;
    address.monthReqCount = monthly + cost;
    address.usageDay = today.slice(0, 10);
    address.usageMonth = today.slice(0, 7);
  }

  /** Out-of-band changes the console can make but the API cannot (freezing); for tests and demos. */
  setAccountStatus(region: string, accountName: string, accountStatus: number): void {
    this.findByName(region, accountName).accountStatus = accountStatus;
  }

  /** The quotas the account's plan gives an address (DailyCount, MonthCount), which no API sets. */
  setQuota(region: string, accountName: string, quota: { daily?: number; monthly?: number }): void {
    const address = this.findByName(region, accountName);
    if (quota.daily !== undefined) address.dailyCount = quota.daily;
    if (quota.monthly !== undefined) address.monthCount = quota.monthly;
  }

  /** Whether `password` is the address's SMTP password, as an SMTP login would find. */
  passwordIs(id: number, password: string): boolean {
    const address = this.allAddresses().find((a) => a.id === id);
    return address !== undefined && passwordMatches(address.passwordHash, password);
  }

  /** Every address in every region, with its region. */
  allAddresses(): Array<StoredAddress & { region: string }> {
    return this.account.allRegions().flatMap(([region, state]) => state.addresses.map((a) => ({ ...a, region })));
  }
}
