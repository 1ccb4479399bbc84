import type { Sendtype } from "../../../client/types";
import { toMailAddressInfo, MailAddressInfo } from "./state";
import { RegionOption, withProgramClient } from "../../config/programClient";

/** Every sender address matching the filters, across all pages (the counterpart of Terraform's data source). */
export async function getMailAddresses(
  args: RegionOption & { readonly keyWord?: string; readonly sendtype?: Sendtype } = {},
): Promise<MailAddressInfo[]> {
  return withProgramClient(args, async (client) => {
    const records = await client.listMailAddresses({ keyWord: args.keyWord, sendtype: args.sendtype });
    return records.map(toMailAddressInfo);
  });
}

/** The sender address with exactly this account name, or undefined. */
export async function getMailAddress(args: RegionOption & { readonly accountName: string }): Promise<MailAddressInfo | undefined> {
  return withProgramClient(args, async (client) => {
    const found = await client.findMailAddressByName(args.accountName);
    return found ? toMailAddressInfo(found) : undefined;
  });
}
