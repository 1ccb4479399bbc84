import { asString } from "../rpc/answers";
import { defineAction, nothing } from "./action";
import type { NotifyUrlSetting } from "./notifyUrlShapes";

/** A sender's delivery-report callback URL; the address is named by MailFrom, not by id. */

const NOTIFY_GONE = ["InvalidMailAddress.NotFound"];

export const updateMailAddressMsgCallBackUrl = defineAction({
  name: "UpdateMailAddressMsgCallBackUrl",
  params: (a: { mailFrom: string; notifyUrl?: string }) => ({ MailFrom: a.mailFrom, NotifyUrl: a.notifyUrl ?? "" }),
  read: nothing,
  // Webhook URLs often carry tokens.
  secretParams: ["NotifyUrl"],
  goneCodes: NOTIFY_GONE,
});

export const getMailAddressMsgCallBackUrl = defineAction({
  name: "GetMailAddressMsgCallBackUrl",
  params: (mailFrom: string) => ({ MailFrom: mailFrom }),
  read: (body): NotifyUrlSetting => ({ notifyUrl: asString(body.NotifyUrl), notifyUrlStatus: asString(body.NotifyUrlStatus) }),
  goneCodes: NOTIFY_GONE,
});
