import { inspect } from "node:util";
import type { DirectMailClient } from "../../client/client";
import type { Fallbacks } from "../schema/check";
import type { EmbeddedSettings, ProviderSettings } from "./settings";

/** One pooled client per region, shared by every resource in the process. */
export class ClientPool {
  // #private: the settings hold the credentials and the whole environment, the emulator its key.
  readonly #settings: ProviderSettings;
  readonly #clients = new Map<string, DirectMailClient>();
  #embedded?: Promise<{ url: string; accessKey: { id: string; secret: string }; stop(): Promise<void> }>;

  constructor(settings: ProviderSettings) {
    this.#settings = settings;
  }

  /** What a log shows of the pool: the region, whether the emulator is embedded, the regions with a client; never a secret. */
  toJSON(): { region: string; embedded: boolean; clients: DirectMailClient[] } {
    return { region: this.#settings.region, embedded: this.#settings.embedded !== undefined, clients: [...this.#clients.values()] };
  }

  [inspect.custom](): string {
    return `ClientPool ${inspect(this.toJSON())}`;
  }

  /** Same region, endpoint and explicit credentials (the environment is the process's own either way). */
  sameSettings(other: ClientPool): boolean {
    const key = (s: ProviderSettings) =>
      JSON.stringify([
        s.region,
        s.endpoint,
        s.embedded,
        s.credentials.accessKeyId,
        s.credentials.accessKeySecret,
        s.credentials.securityToken,
        s.unknownKeys,
        s.invalidSettings,
      ]);
    return key(this.#settings) === key(other.#settings);
  }

  /** The defaults `check` fills in, with where each came from. */
  /** Settings problems that `check` reports at preview, before any API call. */
  get settingsProblems(): readonly string[] {
    return [...this.#settings.unknownKeys, ...this.#settings.invalidSettings];
  }

  get fallbacks(): Fallbacks {
    return { configuredRegion: { value: this.#settings.region, source: this.#settings.regionSource } };
  }

  /**
   * The embedded emulator, started on first use. It always uses its own key:
   * real credentials configured for the account are never sent to it. That key
   * is the state file's own (`<state file>.key`, 0600), never the published
   * default, so another user of the machine who finds the port cannot drive it.
   */
  private startEmbedded(embedded: EmbeddedSettings) {
    this.#embedded ??= (async () => {
      const { embeddedAccessKey, startEmulator, DEMO_DOMAINS } = await import("../../emulator");
      const emulator = await startEmulator({
        persistPath: embedded.statePath,
        domains: embedded.domains?.length ? embedded.domains : DEMO_DOMAINS,
        ...embedded.limits,
        accessKeys: [embeddedAccessKey(embedded.statePath)],
      });
      emulator.unref();
      return emulator;
    })();
    return this.#embedded;
  }

  async forRegion(region: string | undefined): Promise<DirectMailClient> {
    const name = region || this.#settings.region;
    let client = this.#clients.get(name);
    if (!client) {
      const embedded = this.#settings.embedded ? await this.startEmbedded(this.#settings.embedded) : undefined;
      // Loaded on first use: `check` and `diff` never need the client (or undici), and a no-change run makes no call.
      const { DirectMailClient } = await import("../../client/client");
      client =
        this.#clients.get(name) ??
        new DirectMailClient({
          region: name,
          endpoint: embedded ? embedded.url : this.#settings.endpoint,
          // Its port is new in every process: the state file is what names it to a person.
          endpointName: this.#settings.embedded ? `the embedded emulator (state file ${this.#settings.embedded.statePath})` : undefined,
          credentials: embedded
            ? {
                accessKeyId: embedded.accessKey.id,
                accessKeySecret: embedded.accessKey.secret,
                explicitSource: "the embedded emulator's own key",
                env: {},
              }
            : {
                ...this.#settings.credentials,
                explicitSource: "stack config directmail:accessKeyId and directmail:accessKeySecret",
                noneFoundHint: "To run with no Alibaba account, use the built-in emulator: pulumi config set directmail:endpoint embedded",
              },
        });
      this.#clients.set(name, client);
    }
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((c) => c.close()));
    this.#clients.clear();
    // An emulator that failed to start (its key file refused, say) has nothing to stop; its error was reported.
    await (await this.#embedded?.catch(() => undefined))?.stop();
    this.#embedded = undefined;
  }
}
