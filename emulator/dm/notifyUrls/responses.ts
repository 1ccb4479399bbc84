import { defineActions } from "../../gateway/actions";
import type { DirectMailContext, DirectMailSwitch } from "../context";

/** Hidden in current SDKs: `callbackActions: false` makes the emulator pretend they are gone. */
export const NOTIFY_URL_ACTIONS = defineActions<DirectMailContext, DirectMailSwitch>({
  UpdateMailAddressMsgCallBackUrl: {
    mutates: true,
    switch: "callbackActions",
    handler: ({ models, region, params }) => {
      models.notifyUrls.updateNotifyUrl(region, { mailFrom: params.required("MailFrom"), notifyUrl: params.optional("NotifyUrl") ?? "" });
      return {};
    },
  },

  GetMailAddressMsgCallBackUrl: {
    switch: "callbackActions",
    handler: ({ models, region, params }) => {
      const setting = models.notifyUrls.getNotifyUrl(region, params.required("MailFrom"));
      return { NotifyUrl: setting.url, NotifyUrlStatus: setting.status };
    },
  },
});
