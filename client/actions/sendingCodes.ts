import { address, CodeTable } from "../codeInfo";

/** Sending's codes (SingleSendMail). */
export const SENDING_CODES: CodeTable = {
  InvalidToAddress: {
    kind: "invalid-input",
    hint: () => "toAddress was rejected: give 1 to 100 mailbox addresses, separated by commas",
  },
  "InvalidSubject.Malformed": { kind: "invalid-input", hint: () => "subject was rejected: it is required and has a length limit" },
  InvalidBody: { kind: "invalid-input", hint: () => "give htmlBody or textBody (one of them is required)" },
  "InvalidFromAlias.Malformed": { kind: "invalid-input", hint: () => "fromAlias must be shorter than 15 characters" },
  "InvalidReplyAddress.NotVerified": {
    kind: "invalid-input",
    hint: (ctx) => `${address(ctx)} has a reply address that is not verified; verify it or send with replyToAddress false`,
  },
  "InvalidTagName.NotFound": {
    kind: "invalid-input",
    hint: (ctx) =>
      `the tag "${ctx.TagName ?? ""}" does not exist in ${ctx.RegionId ?? "the configured region"}; create it first (a MailTag)`,
  },
  "InvalidQuota.Exceeded": {
    kind: "quota",
    hint: (ctx) => `${address(ctx)} has used up its daily or monthly sending quota (DailyCount/MonthCount)`,
  },
};
