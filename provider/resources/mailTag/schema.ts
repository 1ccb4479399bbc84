import { accountRef, flag, region, tagName, text } from "../../schema/propertyTypes";
import { defineSchema, TypesOf } from "../../schema/schema";

/** Every property of a MailTag, declared once. */
export const mailTagSchema = defineSchema({
  name: "MailTag",
  inputs: {
    tagName: {
      type: tagName,
      required: true,
      onChange: "update",
      doc: "the tag's name, as SingleSendMail and BatchSendMail take it (renamed in place by ModifyTag: code sending with the old name then sends untagged or fails)",
    },
    tagDescription: {
      type: text,
      onChange: "update",
      unmanagedWhenOmitted: true,
      doc: "what the tag is for",
    },
    region: { type: region, onChange: "replace", fallback: "configuredRegion", doc: "the DirectMail region of the tag" },
    account: {
      type: accountRef,
      onChange: "replace",
      doc: 'the account it lives in, named without a credential: `{ profile: "prod" }` (an Alibaba CLI profile) or `{ roleArn }` (a role assumed with the default credentials); left out, the default credentials\' account. Another account is a replacement',
    },
    adopt: {
      type: flag,
      onChange: "state",
      doc: "take over an existing tag with this name instead of failing (see Adopting an existing tag)",
    },
  },
  outputs: {
    tagId: { type: text, doc: "DirectMail's id, also the resource id" },
    adopted: { type: flag, doc: "true when the tag existed and was taken over" },
  },
  // The name changes in place, so only the region tells a replacement apart: the new tag is created first.
  identity: ["region", "account"],
  clash: "this package keeps tag names unique in a region, as the send actions name a tag",
});

type Types = TypesOf<typeof mailTagSchema>;
export type MailTagArgs = Types["args"];
export type MailTagInputs = Types["inputs"];
export type MailTagOutputs = Types["outputs"];
