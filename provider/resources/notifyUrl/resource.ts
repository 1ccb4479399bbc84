import { defineResource } from "../../framework/defineResource";
import { notifyUrlSchema } from "./schema";

export type { MailAddressNotifyUrlArgs } from "./schema";

/**
 * The delivery-report callback URL of a sender address
 * (UpdateMailAddressMsgCallBackUrl / GetMailAddressMsgCallBackUrl). These
 * actions are hidden in current Alibaba SDKs; see the README.
 */
export class MailAddressNotifyUrl extends defineResource(notifyUrlSchema) {}
