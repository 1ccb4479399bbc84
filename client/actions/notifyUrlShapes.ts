/** A sender's delivery-report callback, as GetMailAddressMsgCallBackUrl answers it. */

export interface NotifyUrlSetting {
  readonly notifyUrl: string;
  readonly notifyUrlStatus: string;
}
