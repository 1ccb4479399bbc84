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
  } finally {
    await pool.close();
  }
}
