import type { Sendtype } from "../client/types";
import { describe, MailAddressInfo } from "./mailAddressState";
import { describeDomain, detailOf, MailDomainDetail, MailDomainInfo } from "./domainState";
import { RegionOption, withProgramClient } from "./programClient";

/** Every sender address matching the filters, across all pages (the counterpart of Terraform's data source). */
export async function getMailAddresses(
  args: RegionOption & { readonly keyWord?: string; readonly sendtype?: Sendtype } = {},
): Promise<MailAddressInfo[]> {
  return withProgramClient(args.region, async (client) => {
    const records = await client.listMailAddresses({ keyWord: args.keyWord, sendtype: args.sendtype });
    return records.map(describe);
  });
}

/** The sender address with exactly this account name, or undefined. */
export async function getMailAddress(args: RegionOption & { readonly accountName: string }): Promise<MailAddressInfo | undefined> {
  return withProgramClient(args.region, async (client) => {
    const found = await client.findMailAddressByName(args.accountName);
    return found ? describe(found) : undefined;
  });
}

/** Every sending domain of the region, across all pages; `status` 0 (usable) or 1 (not) filters on the service. */
export async function getMailDomains(
  args: RegionOption & { readonly keyWord?: string; readonly status?: 0 | 1 } = {},
): Promise<MailDomainInfo[]> {
  return withProgramClient(args.region, async (client) => {
    const records = await client.listDomains({ keyWord: args.keyWord, status: args.status });
    return records.map(describeDomain);
  });
}

/** The domain with exactly this name, with its DNS records and checks, or undefined. */
export async function getMailDomain(args: RegionOption & { readonly domainName: string }): Promise<MailDomainDetail | undefined> {
  return withProgramClient(args.region, async (client) => {
    const found = await client.findDomainByName(args.domainName);
    return found ? detailOf(await client.describeDomain(found.domainId)) : undefined;
  });
}
