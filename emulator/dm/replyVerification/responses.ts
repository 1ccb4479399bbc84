import { defineActions } from "../../gateway/actions";
import type { DirectMailContext, DirectMailSwitch } from "../context";

export const REPLY_VERIFICATION_ACTIONS = defineActions<DirectMailContext, DirectMailSwitch>({
  CheckReplyToMailAddress: {
    mutates: true,
    handler: ({ models, region, params }) => {
      models.replies.checkReplyToMailAddress(region, { id: params.requiredId("MailAddressId"), lang: params.optional("Lang") });
      return {};
    },
  },

  ApproveReplyMailAddress: {
    mutates: true,
    handler: ({ models, params }) => {
      models.replies.approveReplyMailAddress(params.required("Ticket"));
      return {};
    },
  },
});
