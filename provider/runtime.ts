import type * as pulumi from "@pulumi/pulumi";
import { MailAddressRuntime } from "./resources/mailAddress/runtime";
import { MailDomainRuntime } from "./resources/mailDomain/runtime";
import { NotifyUrlRuntime } from "./resources/notifyUrl/runtime";
import { ClientPool } from "./config/clientPool";
import { readSettings } from "./config/settings";

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

/**
 * Called once per distinct serialized provider, so once per resource kind,
 * with the same stack config. The pool is kept
 * when the settings are the same: replacing it could pull clients from under
 * operations already running. A pool that is replaced is left to finish what
 * it is doing; its idle sockets close on their own.
 */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const next = new ClientPool(readSettings((key) => req.config.get(key)));
  if (pool?.sameSettings(next)) return;
  pool = next;
}

export type ProviderKind = "MailAddress" | "MailAddressNotifyUrl" | "MailDomain";

const implementations = {
  MailAddress: new MailAddressRuntime(clients),
  MailAddressNotifyUrl: new NotifyUrlRuntime(clients),
  MailDomain: new MailDomainRuntime(clients),
} satisfies Record<ProviderKind, pulumi.dynamic.ResourceProvider>;

export function implementation(kind: ProviderKind): Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> {
  return implementations[kind];
}
