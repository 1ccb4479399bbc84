import { toMailDomainInfo, toMailDomainDetail, MailDomainDetail, MailDomainInfo } from "./state";
import { RegionOption, withProgramClient } from "../../config/programClient";

/** Every sending domain of the region, across all pages; `status` 0 (usable) or 1 (not) filters on the service. */
export async function getMailDomains(
  args: RegionOption & { readonly keyWord?: string; readonly status?: 0 | 1 } = {},
): Promise<MailDomainInfo[]> {
  return withProgramClient(args, async (client) => {
    const records = await client.listDomains({ keyWord: args.keyWord, status: args.status });
    return records.map(toMailDomainInfo);
  });
}

/** The domain with exactly this name, with its DNS records and checks, or undefined. */
export async function getMailDomain(args: RegionOption & { readonly domainName: string }): Promise<MailDomainDetail | undefined> {
  return withProgramClient(args, async (client) => {
    const found = await client.findDomainByName(args.domainName);
    return found ? toMailDomainDetail(await client.describeDomain(found.domainId)) : undefined;
  });
}
