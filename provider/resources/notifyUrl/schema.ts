import { emailAddress, httpUrl, region, text, accountRef } from "../../schema/propertyTypes";
import { defineSchema, TypesOf } from "../../schema/schema";

/** Every property of a MailAddressNotifyUrl, declared once. */
export const notifyUrlSchema = defineSchema({
  name: "MailAddressNotifyUrl",
  inputs: {
    mailFrom: {
      type: emailAddress,
      required: true,
      onChange: "replace",
      lowerCase: true,
      doc: "the sender address whose delivery reports are posted; a `MailAddress`'s `accountName` output works",
    },
    notifyUrl: { type: httpUrl, required: true, onChange: "update", doc: "where DirectMail posts delivery reports" },
    region: { type: region, onChange: "replace", fallback: "configuredRegion", doc: "must be the sender address's region" },
    account: {
      type: accountRef,
      onChange: "replace",
      doc: 'the account it lives in, named without a credential: `{ profile: "prod" }` (an Alibaba CLI profile) or `{ roleArn }` (a role assumed with the default credentials); left out, the default credentials\' account. Another account is a replacement',
    },
  },
  outputs: {
    notifyUrlStatus: {
      type: text,
      doc:
        'DirectMail\'s flag for the callback, as it reports it: "1" a notify URL is set and delivery reports are posted to it, ' +
        '"0" none is set (the flag is undocumented: this reading of it is UNCONFIRMED, and the emulator answers so)',
    },
  },
  identity: ["mailFrom", "region", "account"],
  clash: "a sender address has one notify URL",
});

type Types = TypesOf<typeof notifyUrlSchema>;
export type MailAddressNotifyUrlArgs = Types["args"];
export type NotifyUrlInputs = Types["inputs"];
export type NotifyUrlOutputs = Types["outputs"];
