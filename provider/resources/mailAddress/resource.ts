import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../../framework/lazyProvider";
import { MailAddressArgs, MailAddressProperties, mailAddressSchema } from "./schema";
import { resourceProps, secretInputs } from "../../schema/schema";

export type { MailAddressArgs } from "./schema";

/** The output properties, as declared in mailAddressSchema.ts (merged into the class below). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface MailAddress extends MailAddressProperties {}

/**
 * A DirectMail sender address. Its properties, what replaces and what
 * updates are declared in mailAddressSchema.ts; README.md shows them.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class MailAddress extends pulumi.dynamic.Resource {
  constructor(name: string, args: MailAddressArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      lazyProvider("MailAddress"),
      name,
      resourceProps(mailAddressSchema, args, pulumi.secret),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: secretInputs(mailAddressSchema) }),
      "directmail",
      mailAddressSchema.name,
    );
  }
}
