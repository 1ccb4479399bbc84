import { RegionOption, withProgramClient } from "../../config/programClient";

/**
 * Approves a reply address with the ticket from its verification mail
 * (ApproveReplyMailAddress), for automation that reads the mailbox itself.
 * A write: it runs whenever the program runs, preview included.
 */
export async function approveReplyAddress(args: RegionOption & { readonly ticket: string }): Promise<void> {
  await withProgramClient(args, (client) => client.approveReplyMailAddress(args.ticket));
}
