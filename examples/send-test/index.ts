import * as pulumi from "@pulumi/pulumi";
import { MailAddress } from "pulumi-directmail";

// The sender an application mails through. Its SMTP password is a config secret:
//   pulumi config set --secret smtpPassword 'Send7est9Pw'
const config = new pulumi.Config();

const sender = new MailAddress("app", {
  accountName: "app@example.com",
  sendtype: "trigger",
  password: config.requireSecret("smtpPassword"),
});

// What the application (and send-test.js) reads.
export const smtpHost = sender.smtpHost;
export const smtpUsername = sender.smtpUsername;
export const smtpPassword = sender.password;
