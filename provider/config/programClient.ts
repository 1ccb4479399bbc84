import * as pulumi from "@pulumi/pulumi";
import type { DirectMailClient } from "../../client/client";
import { ClientPool } from "./clientPool";
import type { AccountRef } from "../schema/propertyTypes";
import { readSettings } from "./settings";

/** Where a function that runs in the program sends its request. */
export interface RegionOption {
  /** Defaults to the configured region: `directmail:region`, else the environment's, else cn-hangzhou. */
  readonly region?: string;
  /** The account to look in, as a resource's `account` names it; default the default credentials' account. */
  readonly account?: AccountRef;
}

/**
 * A client for code that runs in the program itself (not in the provider
 * process), with the same settings: `directmail:*` stack config, then the
 * environment. Closed after use, so a program does not keep sockets (or an
 * embedded emulator) open.
 */
export async function withProgramClient<T>(where: RegionOption, use: (client: DirectMailClient) => Promise<T>): Promise<T> {
  const pool = new ClientPool(readSettings((key) => pulumi.runtime.getConfig(key)));
  try {
    return await use(await pool.forRegion(where.region, where.account));
  } catch (err) {
    throw asRunError(err);
  } finally {
    await pool.close();
  }
}

/**
 * The error, printed by the SDK as its message alone if the program leaves it
 * unhandled. Otherwise the SDK prints it as "failed with an unhandled exception"
 * with its stack, frames into sources the package does not ship. Its message is
 * the whole story. `RunError.isInstance` recognises the SDK's marker property
 * (so that errors of any SDK copy are recognised); the error keeps its own class
 * for programs that catch it.
 */
function asRunError(err: unknown): unknown {
  if (err instanceof Error && !pulumi.RunError.isInstance(err)) {
    Object.defineProperty(err, "__pulumiRunError", { value: true, enumerable: false });
  }
  return err;
}
