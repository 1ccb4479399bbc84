import { Errors } from "../../exceptions";
import type { AccountState } from "../../state/account";
import type { AddressModel } from "../addresses/models";

export interface NotifySetting {
  url: string;
  status: string;
}

/** Per-address callback URLs: UpdateMailAddressMsgCallBackUrl and GetMailAddressMsgCallBackUrl. */
export class NotifyUrlModel {
  constructor(
    private readonly account: AccountState,
    private readonly addresses: AddressModel,
  ) {}

  updateNotifyUrl(region: string, args: { mailFrom: string; notifyUrl: string }): void {
    const address = this.addresses.findByName(region, args.mailFrom);
    if (!args.notifyUrl) {
      delete this.account.region(region).notifyUrls[address.accountName];
      return;
    }
    let url: URL;
    try {
      url = new URL(args.notifyUrl);
    } catch {
      throw Errors.notifyUrlMalformed();
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || args.notifyUrl.length > 512) {
      throw Errors.notifyUrlMalformed();
    }
    this.account.region(region).notifyUrls[address.accountName] = { url: args.notifyUrl, status: "1" };
  }

  getNotifyUrl(region: string, mailFrom: string): NotifySetting {
    const address = this.addresses.findByName(region, mailFrom);
    return this.account.region(region).notifyUrls[address.accountName] ?? { url: "", status: "0" };
  }
}
