import { getMailAddress, MailAddress } from "pulumi-directmail";

/**
 * Taking over an address that was made by hand in the console. `pulumi
 * import` cannot work for dynamic resources (pulumi/pulumi#16175), so the
 * resource looks the address up by name instead of creating it.
 */
export async function adoptExisting() {
  // A look-up first, to show what is there before Pulumi manages it.
  const before = await getMailAddress({ accountName: "support@example.com" });
  const sender = new MailAddress("support", {
    accountName: "support@example.com",
    sendtype: before?.sendtype ?? "trigger",
    adopt: true,
    replyAddress: "helpdesk@example.org",
  });
  return { existedBefore: before !== undefined, id: sender.mailAddressId, adopted: sender.adopted };
}
