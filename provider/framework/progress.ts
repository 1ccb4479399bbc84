import { createRequire } from "node:module";

/**
 * Progress of a long operation (the wait for a domain's DNS), shown by the
 * engine on the resource's row while it runs.
 *
 * What reaches the engine from a dynamic provider, measured with CLI v3.276.0
 * and @pulumi/pulumi 3.248.0: the SDK's dynamic provider never connects to the
 * engine (pulumi/pulumi#6065), so `pulumi.log` there only prints
 * `info: [runtime] ...` on stdout; each line the process writes is passed
 * through (pulumi/pulumi#18253, CLI 3.146 and later), but on the stack's row;
 * a LogRequest sent to the engine's address (the provider process's first
 * argument) with the resource's URN is shown on that resource's row, and, sent
 * as ephemeral, is not repeated under Diagnostics at the end. The SDK does not
 * tell a dynamic provider its URN (pulumi/pulumi#9434), so each resource
 * class hands its own in (`__urn`, see defineResource). Without an engine
 * (a runtime used in a test's own process) or a URN, a plain line on stdout.
 */

interface LogRequestLike {
  setSeverity(value: number): void;
  setMessage(value: string): void;
  setUrn(value: string): void;
  setEphemeral(value: boolean): void;
}

interface EngineModules {
  readonly grpc: { credentials: { createInsecure(): unknown } };
  readonly rpc: { EngineClient: new (address: string, credentials: unknown) => EngineLike };
  readonly proto: { LogRequest: new () => LogRequestLike; LogSeverity: { readonly INFO: number } };
}

interface EngineLike {
  log(request: LogRequestLike, done: (err: Error | null) => void): void;
}

type Send = (urn: string, message: string) => Promise<void>;

/** The engine as the SDK's own generated client reaches it (the modules @pulumi/pulumi ships, and its gRPC library). */
function connect(address: string | undefined): Send | undefined {
  if (!address || !/^(?:[\w.-]+|\[[0-9a-f:]+\]):\d+$/i.test(address)) return undefined;
  try {
    const fromSdk = createRequire(require.resolve("@pulumi/pulumi"));
    const modules: EngineModules = {
      grpc: fromSdk("@grpc/grpc-js") as EngineModules["grpc"],
      rpc: fromSdk("./proto/engine_grpc_pb") as EngineModules["rpc"],
      proto: fromSdk("./proto/engine_pb") as EngineModules["proto"],
    };
    const engine = new modules.rpc.EngineClient(address, modules.grpc.credentials.createInsecure());
    return (urn, message) =>
      new Promise((resolve, reject) => {
        const request = new modules.proto.LogRequest();
        request.setSeverity(modules.proto.LogSeverity.INFO);
        request.setMessage(message);
        request.setUrn(urn);
        // A status of the row, replaced by the next: not a line of the summary at the end.
        request.setEphemeral(true);
        engine.log(request, (err) => (err ? reject(err) : resolve()));
      });
  } catch {
    return undefined;
  }
}

let engine: Send | undefined | null = null;
const REPORT_WAIT_MS = 3_000;

export const Progress = {
  /** Where lines go without an engine; tests that run a runtime in their own process collect them here. */
  sink: (line: string): void => {
    process.stdout.write(`${line}\n`);
  },
  /**
   * On the resource's row when the engine and the resource's URN are known; else a line on the stack's row.
   * Resolves once the engine has it (so that it comes before whatever the operation does next), or after
   * a few seconds at most: progress never holds the operation up.
   */
  async report(urn: string | undefined, message: string): Promise<void> {
    const line = message.replace(/\s*\n\s*/g, " ");
    if (engine === null) engine = connect(process.argv[2]);
    if (!engine || !urn) return Progress.sink(line);
    const sent = engine(urn, line).catch(() => Progress.sink(line));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([sent, new Promise((resolve) => (timer = setTimeout(resolve, REPORT_WAIT_MS)))]);
    clearTimeout(timer);
  },
};
