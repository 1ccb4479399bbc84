import type * as pulumi from "@pulumi/pulumi";
import { DirectMailServiceError, isGone } from "../../client/errors";

/**
 * Deletes, counting an object the service no longer has (deleted outside
 * Pulumi, or with what it belonged to) as deleted: by the service's own "not
 * found" answers (isGone), or, given `stillThere`, by a listing without it
 * after any other refusal; anything else is the delete's failure.
 */
export async function deleteUnlessGone(remove: () => Promise<unknown>, stillThere?: () => Promise<boolean>): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (isGone(err)) return;
    // Where the "gone" codes are UNCONFIRMED, another refusal may mean the same: a listing that no
    // longer holds the object is the service saying it is gone. If the listing fails, the refusal stands.
    if (stillThere && err instanceof DirectMailServiceError && !(await stillThere().catch(() => true))) return;
    throw err;
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
