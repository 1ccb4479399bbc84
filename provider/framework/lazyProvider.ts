import type * as pulumi from "@pulumi/pulumi";
import type { ProviderKind } from "../runtime";
import type * as runtimeModule from "../runtime";

type Runtime = typeof runtimeModule;

/**
 * The provider object handed to the engine. Pulumi serializes it, with all
 * it captures, into the state of every resource, and runs that copy in the
 * provider process. So it captures only two strings and loads the real
 * implementation by package name when called: state stays small, an upgraded
 * package takes effect on the next run, and no module, client or credential
 * is ever serialized.
 */
export function lazyProvider(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  // One object per kind: the SDK caches a provider's serialization by object, so
  // a new object per resource would serialize the closure again for each one.
  let provider = providers.get(kind);
  if (!provider) {
    provider = makeProvider(kind);
    providers.set(kind, provider);
  }
  return provider;
}

const providers = new Map<ProviderKind, pulumi.dynamic.ResourceProvider>();

function makeProvider(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  // Used only when the package cannot be found by name from the provider's working directory.
  const fallback = `${__dirname}/../runtime`;
  // require() on purpose: resolved by package name when called, in the provider process, not bundled.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = (): Runtime => {
    try {
      return require("pulumi-directmail/runtime") as Runtime;
    } catch (err) {
      if ((err as { code?: string }).code !== "MODULE_NOT_FOUND") throw err;
      try {
        return require(fallback) as Runtime;
      } catch {
        throw new Error(
          `the pulumi-directmail provider cannot load the package "pulumi-directmail" from ${process.cwd()}; ` +
            `install it in the Pulumi project (the package README's Install section: npm install <the tarball npm pack made>)`,
        );
      }
    }
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().implementation(kind).check(olds, news),
    diff: (id, olds, news) => load().implementation(kind).diff(id, olds, news),
    create: (inputs) => load().implementation(kind).create(inputs),
    read: (id, props) => load().implementation(kind).read(id, props),
    update: (id, olds, news) => load().implementation(kind).update(id, olds, news),
    delete: (id, props) => load().implementation(kind).delete(id, props),
  };
}
