import { emailAddress, httpUrl, region, text } from "../../schema/propertyTypes";
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
  },
  outputs: {
    notifyUrlStatus: { type: text, doc: "as the service reports it" },
  },
  identity: ["mailFrom", "region"],
  clash: "a sender address has one notify URL",
});

type Types = TypesOf<typeof notifyUrlSchema>;
export type MailAddressNotifyUrlArgs = Types["args"];
export type NotifyUrlInputs = Types["inputs"];
export type NotifyUrlOutputs = Types["outputs"];
