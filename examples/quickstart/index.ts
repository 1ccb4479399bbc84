import * as pulumi from "@pulumi/pulumi";
import { MailAddress } from "pulumi-directmail";

// One transactional sender. Its SMTP password is a config secret:
//   pulumi config set --secret smtpPassword 'Quick5tart9Pw'
const config = new pulumi.Config();

const sender = new MailAddress("noreply", {
  // The emulator has example.com and example.org verified; on DirectMail, use a domain you verified there.
  accountName: config.get("accountName") ?? "noreply@example.com",
  sendtype: "trigger",
  password: config.requireSecret("smtpPassword"),
  replyAddress: "support@example.org",
});

// What a mail-sending service needs; the password stays [secret] in every output.
export const mailAddressId = sender.mailAddressId;
export const smtpHost = sender.smtpHost;
export const smtpUsername = sender.smtpUsername;
export const smtpPassword = sender.password;
