import { startEmulator, EmulatorOptions, RunningEmulator } from "../../emulator";
import { ClientOptions, DirectMailClient, Pacer, RetryBudget } from "../../client";

/** Tests use fast retries so that fault and throttling paths finish quickly. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40, deadlineMs: 10_000, maxAttempts: 8 };

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly client: DirectMailClient;
  clientWith(options: Partial<ClientOptions>): DirectMailClient;
  close(): Promise<void>;
}

/** A client on this emulator's account, with its demo key, as a person outside Pulumi would use it. */
export function clientOf(emulator: RunningEmulator, extra: Partial<ClientOptions> = {}): DirectMailClient {
  return new DirectMailClient({
    endpoint: emulator.url,
    credentials: { accessKeyId: emulator.accessKey.id, accessKeySecret: emulator.accessKey.secret, env: {} },
    ...extra,
  });
}

export async function harness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ domains: ["example.com"], ...options });
  const clients: DirectMailClient[] = [];
  // One account, one budget: the harness's clients share a pacer, and pace only when the emulator has limits to keep.
  const pacer = options.rateLimits === false ? false : new Pacer();
  // Its own retry budget too, so that one test's faults do not slow the next.
  const retryBudget = new RetryBudget();
  const clientWith = (extra: Partial<ClientOptions>) => {
    const client = clientOf(emulator, { retry: FAST_RETRY, pacer, retryBudget, ...extra });
    clients.push(client);
    return client;
  };
  const client = clientWith({});
  return {
    emulator,
    client,
    clientWith,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await emulator.stop();
    },
  };
}
