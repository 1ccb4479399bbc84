import * as pulumi from "@pulumi/pulumi";
import { getMailAddress, MailAddress } from "pulumi-directmail";

// Taking over an address that was made by hand in the console. `pulumi import`
// cannot work for dynamic resources, so the resource finds the address by
// name (adopt: true) instead of creating it. With the emulator, make one by
// hand first: node make-existing.js
const accountName = new pulumi.Config().get("accountName") ?? "support@example.com";

// A look-up, to show what is there before Pulumi manages it.
const before = getMailAddress({ accountName });

const sender = new MailAddress("support", {
  accountName,
  // An adopted address keeps its send type: declare the one it has.
  sendtype: pulumi.output(before).apply((b) => b?.sendtype ?? "batch"),
  adopt: true,
  replyAddress: "helpdesk@example.org",
});

export const existedBefore = pulumi.output(before).apply((b) => b !== undefined);
export const adopted = sender.adopted;
export const mailAddressId = sender.mailAddressId;
