import { RegionOption, withProgramClient } from "../../config/programClient";
import { MailTagInfo, toMailTagInfo } from "./state";

/** Every tag of the region, across all pages (the counterpart of Terraform's `alicloud_direct_mail_tags`). */
export async function getMailTags(args: RegionOption & { readonly keyWord?: string } = {}): Promise<MailTagInfo[]> {
  return withProgramClient(args, async (client) => (await client.listTags({ keyWord: args.keyWord })).map(toMailTagInfo));
}

/** The tag with exactly this name (case-insensitive), or undefined. */
export async function getMailTag(args: RegionOption & { readonly tagName: string }): Promise<MailTagInfo | undefined> {
  return withProgramClient(args, async (client) => {
    const found = await client.findTagByName(args.tagName);
    return found ? toMailTagInfo(found) : undefined;
  });
}
