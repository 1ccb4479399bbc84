import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../../framework/lazyProvider";
import { MailAddressNotifyUrlArgs, MailAddressNotifyUrlProperties, notifyUrlSchema } from "./schema";
import { resourceProps, secretInputs } from "../../schema/schema";

export type { MailAddressNotifyUrlArgs } from "./schema";

/** The output properties, as declared in notifyUrlSchema.ts (merged into the class below). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface MailAddressNotifyUrl extends MailAddressNotifyUrlProperties {}

/**
 * The delivery-report callback URL of a sender address
 * (UpdateMailAddressMsgCallBackUrl / GetMailAddressMsgCallBackUrl). These
 * actions are hidden in current Alibaba SDKs; see the README.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class MailAddressNotifyUrl extends pulumi.dynamic.Resource {
  constructor(name: string, args: MailAddressNotifyUrlArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      lazyProvider("MailAddressNotifyUrl"),
      name,
      resourceProps(notifyUrlSchema, args, pulumi.secret),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: secretInputs(notifyUrlSchema) }),
      "directmail",
      notifyUrlSchema.name,
    );
  }
}
