import type * as pulumi from "@pulumi/pulumi";
import { MailAddressRuntime } from "./resources/mailAddress/runtime";
import { MailDomainRuntime } from "./resources/mailDomain/runtime";
import { NotifyUrlRuntime } from "./resources/notifyUrl/runtime";
import { MailDomainVerificationRuntime } from "./resources/mailDomainVerification/runtime";
import { mailAddressSchema } from "./resources/mailAddress/schema";
import { mailDomainSchema } from "./resources/mailDomain/schema";
import { notifyUrlSchema } from "./resources/notifyUrl/schema";
import { ReceiverListRuntime } from "./resources/receiverList/runtime";
import { receiverListSchema } from "./resources/receiverList/schema";
import { MailTagRuntime } from "./resources/mailTag/runtime";
import { mailTagSchema } from "./resources/mailTag/schema";
import { mailDomainVerificationSchema } from "./resources/mailDomainVerification/schema";
import { ClientPool } from "./config/clientPool";
import { readSettings } from "./config/settings";
import { withOneMessagePerFailure } from "./framework/oneMessage";

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
/**
 * Every key of the stack config the engine handed over. The SDK's Config has no
 * public listing; its raw map is read where it is there, and nothing is checked
 * where it is not (an older or newer SDK).
 */
function configKeys(config: pulumi.dynamic.ConfigureRequest["config"]): string[] {
  const raw = (config as unknown as { rawConfig?: unknown }).rawConfig;
  return raw !== null && typeof raw === "object" ? Object.keys(raw) : [];
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const next = new ClientPool(readSettings((key) => req.config.get(key), process.env, configKeys(req.config)));
  if (pool?.sameSettings(next)) return;
  pool = next;
}

/** Every resource with its implementation: adding a resource is one entry here. */
const RESOURCES = [
  { schema: mailAddressSchema, runtime: new MailAddressRuntime(clients) },
  { schema: notifyUrlSchema, runtime: new NotifyUrlRuntime(clients) },
  { schema: mailDomainSchema, runtime: new MailDomainRuntime(clients) },
  { schema: receiverListSchema, runtime: new ReceiverListRuntime(clients) },
  { schema: mailTagSchema, runtime: new MailTagRuntime(clients) },
  { schema: mailDomainVerificationSchema, runtime: new MailDomainVerificationRuntime(clients) },
] as const;

/** What a serialized provider names: its declaration's name. */
export type ProviderKind = (typeof RESOURCES)[number]["schema"]["name"];

type Implementation = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

const implementations: ReadonlyMap<string, Implementation> = new Map(
  RESOURCES.map(({ schema, runtime }) => [schema.name, withOneMessagePerFailure(runtime)]),
);

export function implementation(kind: ProviderKind): Implementation {
  const found = implementations.get(kind);
  // Only a state written by another version of the package could name a kind this one lacks.
  if (!found) throw new Error(`pulumi-directmail has no resource kind "${kind}"; is the installed package older than the stack's state?`);
  return found;
}
