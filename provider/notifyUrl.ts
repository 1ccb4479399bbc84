import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "./lazyProvider";

export interface MailAddressNotifyUrlArgs {
  /** The sender address whose delivery reports are posted (a MailAddress's `accountName` works). Replaces on change. */
  readonly mailFrom: pulumi.Input<string>;
  /** Where DirectMail posts delivery reports: an http(s) URL. Updates in place. */
  readonly notifyUrl: pulumi.Input<string>;
  /** Defaults to `directmail:region`; must be the sender address's region. Replaces on change. */
  readonly region?: pulumi.Input<string>;
}

/**
 * The delivery-report callback URL of a sender address
 * (UpdateMailAddressMsgCallBackUrl / GetMailAddressMsgCallBackUrl). These
 * actions are hidden in current Alibaba SDKs; see the README.
 */
export class MailAddressNotifyUrl extends pulumi.dynamic.Resource {
  declare readonly mailFrom: pulumi.Output<string>;
  declare readonly notifyUrl: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  /** As the service reports it. */
  declare readonly notifyUrlStatus: pulumi.Output<string>;

  constructor(name: string, args: MailAddressNotifyUrlArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      lazyProvider("MailAddressNotifyUrl"),
      name,
      { notifyUrlStatus: undefined, ...args },
      opts,
      "directmail",
      "MailAddressNotifyUrl",
    );
  }
}
