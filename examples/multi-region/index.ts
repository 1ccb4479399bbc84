import * as pulumi from "@pulumi/pulumi";
import { MailAddress } from "pulumi-directmail";

// Sender addresses are regional: the same address in each region is its own
// address, with its own SMTP host and quota.
const config = new pulumi.Config();
const regions = config.getObject<string[]>("regions") ?? ["cn-hangzhou", "ap-southeast-1"];

export const senders = Object.fromEntries(
  regions.map((region) => {
    const sender = new MailAddress(`alerts-${region}`, {
      accountName: "alerts@example.com",
      sendtype: "trigger",
      region,
      password: config.requireSecret("smtpPassword"),
    });
    return [region, { id: sender.mailAddressId, smtpHost: sender.smtpHost }];
  }),
);
