import type * as pulumi from "@pulumi/pulumi";
import { MailAddressRuntime } from "./mailAddressRuntime";
import { NotifyUrlRuntime } from "./notifyUrlRuntime";
import { ClientPool, readSettings } from "./settings";

/**
 * The provider implementations, loaded by package name inside the engine's
 * provider process (see lazyProvider). Settings come from `configure`, which
 * the engine calls with the stack config before any operation.
 */

let pool: ClientPool | undefined;

function clients(): ClientPool {
  // Without configure (older engines), fall back on the environment alone.
  pool ??= new ClientPool(readSettings(() => undefined));
  return pool;
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const previous = pool;
  pool = new ClientPool(readSettings((key) => req.config.get(key)));
  await previous?.close();
}

export type ProviderKind = "MailAddress" | "MailAddressNotifyUrl";

const implementations = {
  MailAddress: new MailAddressRuntime(clients),
  MailAddressNotifyUrl: new NotifyUrlRuntime(clients),
} satisfies Record<ProviderKind, pulumi.dynamic.ResourceProvider>;

export function implementation(kind: ProviderKind): Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> {
  return implementations[kind];
}
