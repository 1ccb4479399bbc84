import * as pulumi from "@pulumi/pulumi";
import { MailAddress, MailAddressNotifyUrl } from "pulumi-directmail";

// A newsletter sender. `pulumi up` sends the reply-address verification mail;
// once the link's ticket is known, approve it through Pulumi:
//   pulumi config set --secret replyVerificationTicket <ticket> && pulumi up
const config = new pulumi.Config();

const sender = new MailAddress("newsletter", {
  accountName: "newsletter@example.com",
  sendtype: "batch",
  password: config.requireSecret("smtpPassword"),
  replyAddress: "replies@example.org",
  verifyReplyAddress: true,
  verificationLanguage: "en",
  replyVerificationTicket: config.getSecret("replyVerificationTicket"),
});

// Delivery reports for this sender are posted here.
const reports = new MailAddressNotifyUrl("newsletter-reports", {
  mailFrom: sender.accountName,
  notifyUrl: config.get("notifyUrl") ?? "https://hooks.example.com/directmail/reports",
  region: sender.region,
});

export const replyAddressStatus = sender.replyAddressStatus;
export const notifyUrl = reports.notifyUrl;
