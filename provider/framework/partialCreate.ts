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
  ) {
    super(
      `${what} was created (id ${id}) and is recorded in the stack, but finishing its setup failed; the next \`pulumi up\` retries the rest. Cause: ${cause.message}`,
    );
  }

  /** Read by the engine's dynamic provider host as the resource's initErrors. */
  get reasons(): string[] {
    return [this.message];
  }
}
