import * as pulumi from "@pulumi/pulumi";
import type { ProviderKind } from "../runtime";
import { lazyProvider } from "./lazyProvider";
import { warnOfPlainSecrets } from "../config/plainSecrets";
import { AnyInputs, AnyOutputs, ArgsOf, OutputPropertiesOf, ResourceSchema, resourceProps, secretInputs } from "../schema/schema";

/** A resource class built from a declaration: constructed with its args, exposing every declared property as an Output. */
export type DeclaredResource<I, O> = new (
  name: string,
  args: ArgsOf<I>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & OutputPropertiesOf<I, O>;

/**
 * The base of a resource class, from its declaration: the serialized provider
 * for its kind, the props (secret inputs wrapped, a placeholder for every
 * declared property) and the secret outputs. Extend it, so that the class
 * keeps its own name, doc comment and `instanceof`:
 * `export class MailAddress extends defineResource(mailAddressSchema) {}`.
 */
export function defineResource<I extends AnyInputs, O extends AnyOutputs, N extends ProviderKind>(
  schema: ResourceSchema<I, O, N>,
): DeclaredResource<I, O> {
  class DeclaredBase extends pulumi.dynamic.Resource {
    constructor(name: string, args: ArgsOf<I>, opts?: pulumi.CustomResourceOptions) {
      super(
        lazyProvider(schema.name),
        name,
        // The resource's own URN, for the progress it reports (the SDK gives a dynamic provider none).
        {
          ...resourceProps(schema, args, pulumi.secret),
          __urn: pulumi.createUrn(name, `pulumi-nodejs:dynamic/directmail:${schema.name}`, opts?.parent),
        },
        pulumi.mergeOptions(opts, { additionalSecretOutputs: secretInputs(schema) }),
        "directmail",
        schema.name,
      );
      warnOfPlainSecrets(this, name, args as Record<string, unknown>, secretInputs(schema));
    }
  }
  // A dynamic resource exposes each registered prop as an Output at run time (resourceProps registers
  // every declared one); the compiler cannot see that, so the properties are typed here, from the declaration.
  return DeclaredBase as unknown as DeclaredResource<I, O>;
}
