import { RegionOption, withProgramClient } from "../../config/programClient";
import { canonicalMember } from "./memberRules";
import { ReceiverListDetail, ReceiverListInfo, toReceiverListInfo } from "./state";

/** Every recipient list of the region (an account has at most 10), optionally those whose name or alias holds `keyWord`. */
export async function getReceiverLists(args: RegionOption & { readonly keyWord?: string } = {}): Promise<ReceiverListInfo[]> {
  return withProgramClient(args, async (client) => (await client.listReceivers({ keyWord: args.keyWord })).map(toReceiverListInfo));
}

/**
 * The list with exactly this name, with every member (QueryReceiverDetail,
 * paced to its 2 calls a second: 10,000 members take about 50 s), or
 * undefined. Members are personal data: wrap what you export in pulumi.secret.
 * A member's `variables` are there only where DirectMail gives them back.
 */
export async function getReceiverList(args: RegionOption & { readonly receiversName: string }): Promise<ReceiverListDetail | undefined> {
  return withProgramClient(args, async (client) => {
    const found = await client.findReceiverByName(args.receiversName);
    if (!found) return undefined;
    const members = (await client.listReceiverMembers(found.receiverId)).map(canonicalMember);
    return { ...toReceiverListInfo(found), members };
  });
}
