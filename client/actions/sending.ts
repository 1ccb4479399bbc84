import { asString } from "../rpc/answers";
import { defineAction } from "./action";
import type { SentMail, SingleSendMailArgs } from "./sendingShapes";

/**
 * Sending. A lost answer is reported, never repeated: a repeat would send the
 * mail twice, and nothing the API offers tells whether the first one went.
 */
export const singleSendMail = defineAction({
  name: "SingleSendMail",
  params: (a: SingleSendMailArgs) => ({
    AccountName: a.accountName,
    AddressType: a.addressType ?? 1,
    ReplyToAddress: a.replyToAddress ? "true" : "false",
    ToAddress: typeof a.toAddress === "string" ? a.toAddress : a.toAddress.join(","),
    Subject: a.subject,
    HtmlBody: a.htmlBody,
    TextBody: a.textBody,
    FromAlias: a.fromAlias,
    TagName: a.tagName,
    ClickTrace: a.clickTrace === undefined ? undefined : a.clickTrace ? "1" : "0",
  }),
  read: (body): SentMail => ({ envId: asString(body.EnvId) }),
  recovery: () => ({ kind: "report" }),
});
