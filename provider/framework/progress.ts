/**
 * Progress of a long operation (the wait for a domain's DNS), shown by the
 * engine while the operation runs.
 *
 * What reaches the engine from a dynamic provider, measured with CLI v3.276.0
 * and @pulumi/pulumi 3.248.0: the SDK's dynamic provider never connects to the
 * engine (pulumi/pulumi#6065), so `pulumi.log` there only prints
 * `info: [runtime] ...` on stdout; a LogRequest sent to the engine's address
 * (the provider process's first argument) with the resource's URN is shown on
 * the stack's row, not the resource's; and each line the process writes is
 * passed through (pulumi/pulumi#18253, CLI 3.146 and later), also on the stack's
 * row and again under Diagnostics. So a plain line on stdout: the same place,
 * with no private SDK modules. One line per message, so that it reads as one.
 */
export const Progress = {
  /** Where lines go; tests that run a runtime in their own process collect them here. */
  sink: (line: string): void => {
    process.stdout.write(`${line}\n`);
  },
  report(message: string): void {
    Progress.sink(message.replace(/\s*\n\s*/g, " "));
  },
};
