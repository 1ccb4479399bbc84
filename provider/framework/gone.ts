import type * as pulumi from "@pulumi/pulumi";
import { isGone } from "../../client/errors";

/**
 * Deletes, counting an object the service no longer has (deleted outside
 * Pulumi, or with what it belonged to) as deleted. Only the service's own
 * "not found" answers count (isGone); any other failure is the delete's.
 */
export async function deleteUnlessGone(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (!isGone(err)) throw err;
  }
}

/** Reads; an object gone from the service reads as the empty result, which drops it from the stack. */
export async function readUnlessGone<T>(read: () => Promise<pulumi.dynamic.ReadResult<T>>): Promise<pulumi.dynamic.ReadResult<T>> {
  try {
    return await read();
  } catch (err) {
    if (isGone(err)) return {};
    throw err;
  }
}
