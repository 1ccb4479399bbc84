import * as pulumi from "@pulumi/pulumi";
import { AccountRef, MailAddress } from "pulumi-directmail";

// One pipeline identity (the default credentials), one role per account it
// manages mail in. Only role ARNs go into the state, never a key: each
// resource's provider assumes its account's role when it runs.
const config = new pulumi.Config();
const accounts: Record<string, AccountRef> = config.getObject<Record<string, AccountRef>>("accounts") ?? {
  prod: { roleArn: "acs:ram::111111111111:role/mail-admin" },
  staging: { roleArn: "acs:ram::222222222222:role/mail-admin", sessionName: "staging-mail" },
};

export const senders = Object.fromEntries(
  Object.entries(accounts).map(([name, account]) => {
    const sender = new MailAddress(`alerts-${name}`, {
      // On real DirectMail the same address could live in both accounts; the embedded
      // emulator is one account, so the example names them apart.
      accountName: `alerts-${name}@example.com`,
      sendtype: "trigger",
      account,
    });
    return [name, { id: sender.mailAddressId, account: sender.account }];
  }),
);
