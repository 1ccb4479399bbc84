import { compact } from "./compact";
import type { Recorded } from "./recorded";

/**
 * Thrown when a create fails after the object exists in the service. The
 * engine records it (with these properties, and the error as `initErrors`)
 * instead of forgetting it, so nothing is orphaned and the next `pulumi up`
 * finishes the job.
 */
export class PartialCreateError extends Error {
  constructor(
    what: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    cause: Error,
    /** What happened to the object: an update that stopped part way records what it did the same way. */
    done: "created" | "updated in part" = "created",
  ) {
    super(
      done === "created"
        ? `${what} was created (id ${id}) and is recorded in the stack, but finishing its setup failed; the next \`pulumi up\` retries the rest. Cause: ${cause.message}`
        : `${what} (id ${id}) was updated in part: what was done is recorded in the stack, and the next \`pulumi up\` retries the rest. Cause: ${cause.message}`,
    );
  }

  /** Read by the engine's dynamic provider host as the resource's initErrors. */
  get reasons(): string[] {
    return [this.message];
  }
}

/**
 * Runs the rest of a create once the object exists. When that fails, the
 * object is recorded with what `recorded` returns (called then, so it sees what
 * the work learnt before failing), never orphaned.
 */
export async function finishOrRecord<R>(what: string, id: string, recorded: () => Recorded<object>, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (err) {
    throw new PartialCreateError(what, id, compact(recorded()), err as Error);
  }
}
