import { defineActions } from "../../gateway/actions";
import type { Params } from "../../gateway/params";
import { Errors } from "../../exceptions";
import type { DirectMailContext, DirectMailSwitch } from "../context";

/** A parameter documented as the strings "true" or "false", not a Boolean. */
function trueOrFalse(params: Params, name: string): boolean {
  const value = params.required(name);
  if (value !== "true" && value !== "false") throw Errors.invalidParameter(name);
  return value === "true";
}

function zeroOrOne(params: Params, name: string): boolean | undefined {
  const value = params.optional(name);
  if (value === undefined) return undefined;
  if (value !== "0" && value !== "1") throw Errors.invalidParameter(name);
  return value === "1";
}

/**
 * SingleSendMail. BatchSendMail is not offered: it sends a template
 * (TemplateName) that only the console creates, to a recipient list, so no
 * API-only account could use it.
 */
export const SENDING_ACTIONS = defineActions<DirectMailContext, DirectMailSwitch>({
  SingleSendMail: {
    mutates: true,
    handler: ({ models, region, params }) => {
      const accountName = params.required("AccountName");
      params.required("AddressType");
      const addressType = params.integer("AddressType", 1, 0, 1);
      const sent = models.sending.singleSendMail(region, {
        accountName,
        addressType,
        useReplyAddress: trueOrFalse(params, "ReplyToAddress"),
        toAddress: params.required("ToAddress"),
        subject: params.required("Subject"),
        htmlBody: params.optional("HtmlBody"),
        textBody: params.optional("TextBody"),
        fromAlias: params.optional("FromAlias"),
        tagName: params.optional("TagName"),
        clickTrace: zeroOrOne(params, "ClickTrace"),
        replyAddress: params.optional("ReplyAddress"),
      });
      return { EnvId: sent.envId };
    },
  },
});
