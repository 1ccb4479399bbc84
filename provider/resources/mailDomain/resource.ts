import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../../framework/lazyProvider";
import { MailDomainArgs, MailDomainProperties, mailDomainSchema } from "./schema";
import { resourceProps, secretInputs } from "../../schema/schema";

export type { MailDomainArgs } from "./schema";

/** The output properties, as declared in mailDomainSchema.ts (merged into the class below). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface MailDomain extends MailDomainProperties {}

/**
 * A DirectMail sending domain: created (or adopted), its DNS records as an
 * output for any DNS provider, and optionally the wait until DirectMail has
 * verified it. Properties are declared in mailDomainSchema.ts; README.md shows them.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class MailDomain extends pulumi.dynamic.Resource {
  constructor(name: string, args: MailDomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      lazyProvider("MailDomain"),
      name,
      resourceProps(mailDomainSchema, args, pulumi.secret),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: secretInputs(mailDomainSchema) }),
      "directmail",
      mailDomainSchema.name,
    );
  }
}
