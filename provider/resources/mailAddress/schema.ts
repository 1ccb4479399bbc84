import { isRegion, SMTP_HOSTS } from "../../../client/rpc/endpoints";
import { SENDTYPES } from "../../../client/types";
import { count, emailAddress, flag, oneOf, region, smtpPassword, text, accountRef } from "../../schema/propertyTypes";
import { defineSchema, TypesOf } from "../../schema/schema";

/** Every property of a MailAddress, declared once. */
export const mailAddressSchema = defineSchema({
  name: "MailAddress",
  inputs: {
    accountName: {
      type: emailAddress,
      required: true,
      onChange: "replace",
      lowerCase: true,
      doc: "the sender address; its domain must be configured and verified in DirectMail",
    },
    sendtype: { type: oneOf(SENDTYPES), required: true, onChange: "replace", doc: "`batch` (marketing) or `trigger` (transactional)" },
    region: {
      type: region,
      onChange: "replace",
      fallback: "configuredRegion",
      doc: "the DirectMail region of the address",
    },
    account: {
      type: accountRef,
      onChange: "replace",
      doc: 'the account it lives in, named without a credential: `{ profile: "prod" }` (an Alibaba CLI profile) or `{ roleArn }` (a role assumed with the default credentials); left out, the default credentials\' account. Another account is a replacement',
    },
    replyAddress: {
      type: emailAddress,
      onChange: "update",
      unmanagedWhenOmitted: true,
      doc: "the reply-to address",
    },
    password: {
      type: smtpPassword,
      onChange: "update",
      secret: true,
      doc: "the SMTP password. DirectMail cannot read it back or unset it: removing it from the program leaves it on the service",
    },
    adopt: {
      type: flag,
      onChange: "state",
      doc: "take over an existing address with this name instead of failing (see Adopting existing addresses)",
    },
    verifyReplyAddress: {
      type: flag,
      onChange: "update",
      doc: "send the verification mail (CheckReplyToMailAddress) when the reply address is set or changes (whatever ReplyStatus then says: whether a change resets it is UNCONFIRMED), or when this is turned on for an address not verified; needs `replyAddress`",
    },
    verificationLanguage: { type: oneOf(["en", "zh"]), onChange: "update", doc: "language of the verification mail; `en` when left out" },
    replyVerificationTicket: {
      type: text,
      onChange: "update",
      secret: true,
      doc: "the ticket from the verification mail's link; approves the reply address (ApproveReplyMailAddress) once per new ticket; a ticket already used (its link followed) is no failure where the address reads verified",
    },
  },
  outputs: {
    mailAddressId: { type: text, doc: "DirectMail's id, also the resource id" },
    adopted: { type: flag, doc: "true when the address existed and was taken over" },
    accountStatus: { type: text, doc: "`normal` or `frozen`" },
    replyAddressStatus: {
      type: oneOf(["verified", "unverified", "none"]),
      doc: "`verified`, `unverified` or `none` (no reply address); ReplyStatus 0 is taken as verified (UNCONFIRMED)",
    },
    domainStatus: { type: text, doc: "`normal` or `abnormal`" },
    createTime: { type: text, doc: "as DirectMail reports it, to the minute (`2024-05-01T09:30Z`)" },
    dailyQuota: { type: count, doc: "DailyCount (`-1` = not set)" },
    monthlyQuota: { type: count, doc: "MonthCount (`-1` = not set)" },
    dailyUsage: { type: count, doc: "DailyReqCount (`-1` = not set)" },
    monthlyUsage: { type: count, doc: "MonthReqCount (`-1` = not set)" },
    smtpHost: {
      type: text,
      doc: "the SMTP host of the address's region",
      fromInputs: (i) => (typeof i.region === "string" && isRegion(i.region) ? SMTP_HOSTS[i.region] : undefined),
    },
    smtpUsername: {
      type: text,
      doc: "the SMTP user name: the address itself",
      fromInputs: (i) => (typeof i.accountName === "string" ? i.accountName : undefined),
    },
  },
  identity: ["accountName", "region", "account"],
  clash: "the same address cannot exist twice in a region",
  rules: [
    {
      property: "verifyReplyAddress",
      broken: (i, isKnown) => i.verifyReplyAddress === true && isKnown(i.replyAddress) && !i.replyAddress,
      reason: "needs replyAddress: there is nothing to verify without one",
    },
  ],
});

type Types = TypesOf<typeof mailAddressSchema>;
export type MailAddressArgs = Types["args"];
/** What a user declares for a MailAddress, after `check` (lower-cased name, region filled in). */
export type MailAddressInputs = Types["inputs"];
/** Everything a MailAddress records: its inputs plus what DirectMail reports. */
export type MailAddressOutputs = Types["outputs"];
