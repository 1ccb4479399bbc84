import { createHash } from "node:crypto";
import { Errors } from "../../exceptions";
import type { AccountState } from "../../state/account";
import { isDomainName } from "../mailbox";
import { DomainConfig, minuteTime, ModelOptions } from "../options";
import { DnsRecordValue, Purpose, PURPOSES, recordValues, REQUIRED_PURPOSES, rootDomain, StoredDomain } from "./records";

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

/** At most 60 characters, no leading or trailing hyphen, none of the documented forbidden characters. */
function isDkimSelector(selector: string): boolean {
  return selector.length >= 1 && selector.length <= 60 && /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(selector);
}

function ownershipToken(seed: string): string {
  return createHash("sha256").update(`ownership:${seed}`).digest("hex").slice(0, 20);
}

/** A configured domain: verified ones have every record published and checked. */
export function configuredDomain(config: DomainConfig, id: number, now: Date): StoredDomain {
  const name = config.name.toLowerCase();
  return {
    id,
    domainName: name,
    dkimSelector: "aliyun",
    createdAt: minuteTime(now),
    ownershipToken: ownershipToken(name),
    published: config.verified ? [...PURPOSES] : [],
    passed: config.verified ? [...PURPOSES] : null,
    icpFiled: true,
  };
}

/** Sending domains: CreateDomain, DescDomain, CheckDomain, DeleteDomain, QueryDomainByParam, and the simulated DNS. */
export class DomainModel {
  constructor(
    private readonly account: AccountState,
    private readonly options: ModelOptions,
  ) {}

  private findDomain(region: string, id: number): StoredDomain {
    const found = this.account.region(region).domains.find((d) => d.id === id);
    if (!found) throw Errors.domainIdNotFound();
    return found;
  }

  /** The domain of that name in the region, if the account has it. */
  byName(region: string, domainName: string): StoredDomain | undefined {
    return this.account.region(region).domains.find((d) => d.domainName === domainName);
  }

  /**
   * CreateDomain. Names are kept in lower case (UNCONFIRMED: the service may
   * keep the case given). A new domain starts unverified, nothing checked.
   */
  createDomain(region: string, args: { domainName: string; dkimSelector?: string }): StoredDomain {
    const name = args.domainName.toLowerCase();
    if (!isDomainName(name)) throw Errors.domainNameMalformed();
    if (args.dkimSelector !== undefined && !isDkimSelector(args.dkimSelector)) throw Errors.invalidParameter("dkimSelector");
    const domains = this.account.region(region).domains;
    if (domains.some((d) => d.domainName === name)) throw Errors.domainDuplicate();
    const created = this.account
      .allRegions()
      .flatMap(([, r]) => r.domains)
      .filter((d) => !this.isConfigured(d.domainName));
    if (created.length + new Set(this.options.domains.map((d) => d.name.toLowerCase())).size >= this.options.domainLimit) {
      throw Errors.domainLimit();
    }
    const id = this.account.newId();
    const domain: StoredDomain = {
      id,
      domainName: name,
      dkimSelector: args.dkimSelector || `aliyun-${region}`,
      createdAt: minuteTime(this.options.now()),
      ownershipToken: ownershipToken(`${name}:${this.account.peekId()}`),
      published: [],
      passed: null,
      icpFiled: true,
    };
    domains.push(domain);
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
    const state = this.account.region(region);
    if (state.addresses.some((a) => a.accountName.endsWith(`@${domain.domainName}`))) throw Errors.domainInUse();
    state.domains = state.domains.filter((d) => d !== domain);
  }

  queryDomains(region: string, args: { keyWord?: string; status?: number }): DomainView[] {
    const keyWord = args.keyWord?.toLowerCase();
    return this.account
      .region(region)
      .domains.filter((d) => !keyWord || d.domainName.includes(keyWord))
      .map((d) => this.view(region, d))
      .filter((v) => args.status === undefined || (args.status === 0 ? usable(v.status) : !usable(v.status)));
  }

  domainStatus(domain: StoredDomain): number {
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
}

/**
 * The simulated DNS: marks a domain's records as published (or withdrawn),
 * as a person would at their DNS provider. `purposes` defaults to all.
 * The service notices at the next CheckDomain. A function of the account
 * alone, so that the CLI can run it on a state file without a service.
 */
export function publishDnsRecords(
  account: AccountState,
  region: string,
  domainName: string,
  purposes: readonly Purpose[] = PURPOSES,
  published = true,
): StoredDomain {
  // Only a region the emulator has seen: touching a new one would add the configured domains of this process.
  const domain = account.existingRegion(region)?.domains.find((d) => d.domainName === domainName.toLowerCase());
  if (!domain) throw new Error(`the emulator has no domain ${domainName} in ${region}`);
  const rest = domain.published.filter((p) => !purposes.includes(p));
  domain.published = published ? [...rest, ...purposes] : rest;
  return domain;
}
