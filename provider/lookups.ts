import * as pulumi from "@pulumi/pulumi";
import type { Sendtype } from "../client/types";
import { describe, MailAddressInfo } from "./mailAddressState";
import { ClientPool } from "./clientPool";
import { readSettings } from "./settings";

/**
 * Look-ups that run in the program itself (not in the provider process),
 * with the same settings: `directmail:*` stack config, then the environment.
 */

export interface LookupOptions {
  /** Defaults to `directmail:region`. */
  readonly region?: string;
}

async function withClient<T>(use: (pool: ClientPool) => Promise<T>): Promise<T> {
  const pool = new ClientPool(readSettings((key) => pulumi.runtime.getConfig(key)));
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
}

/** Every sender address matching the filters, across all pages (the counterpart of Terraform's data source). */
export async function getMailAddresses(
  args: LookupOptions & { readonly keyWord?: string; readonly sendtype?: Sendtype } = {},
): Promise<MailAddressInfo[]> {
  return withClient(async (pool) => {
    const records = await (await pool.forRegion(args.region)).listMailAddresses({ keyWord: args.keyWord, sendtype: args.sendtype });
    return records.map(describe);
  });
}

/** The sender address with exactly this account name, or undefined. */
export async function getMailAddress(args: LookupOptions & { readonly accountName: string }): Promise<MailAddressInfo | undefined> {
  return withClient(async (pool) => {
    const found = await (await pool.forRegion(args.region)).findMailAddressByName(args.accountName);
    return found ? describe(found) : undefined;
  });
}

/**
 * Approves a reply address with the ticket from its verification mail
 * (ApproveReplyMailAddress), for automation that reads the mailbox itself.
 */
export async function approveReplyAddress(args: LookupOptions & { readonly ticket: string }): Promise<void> {
  await withClient(async (pool) => (await pool.forRegion(args.region)).approveReplyMailAddress(args.ticket));
}
