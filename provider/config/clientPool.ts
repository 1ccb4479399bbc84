import { inspect } from "node:util";
import type { DirectMailClient } from "../../client/client";
import { assumeRoleSource } from "../../client/credentials/assumeRole";
import { credentialChain } from "../../client/credentials/chain";
import { CREDENTIAL_ENV, firstEnv, resolveStsEndpoint } from "../../client/credentials/credentials";
import type { AccountRef } from "../schema/propertyTypes";
import type { CredentialSource } from "../../client/credentials/types";
import { CredentialsError, EndpointError } from "../../client/errors";
import { resolveEndpoint } from "../../client/rpc/endpoints";
import type { Fallbacks } from "../schema/check";
import type { EmbeddedSettings, ProviderSettings } from "./settings";

/** One pooled client per region, shared by every resource in the process; one credential source (and its session) for all of them. */
export class ClientPool {
  // #private: the settings hold the credentials and the whole environment, the emulator its key.
  readonly #settings: ProviderSettings;
  readonly #clients = new Map<string, DirectMailClient>();
  #embedded?: Promise<{ url: string; accessKey: { id: string; secret: string }; stop(): Promise<void> }>;
  #source?: CredentialSource;
  /** One source per account named by resources (`account: {...}`), so one session per account. */
  readonly #accountSources = new Map<string, CredentialSource>();

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
      JSON.stringify([s.region, s.endpoint, s.embedded, { ...s.credentials, env: undefined }, s.unknownKeys, s.invalidSettings]);
    return key(this.#settings) === key(other.#settings);
  }

  /**
   * Settings problems that `check` reports at preview, before any API call:
   * unknown keys, unreadable settings, and a credential chain that cannot
   * work (a malformed role ARN, a loop of profiles, an unknown mode...).
   * Credentials that are simply not there are not a problem here: the
   * embedded emulator needs none, and a preview with no change calls nothing.
   */
  get settingsProblems(): readonly string[] {
    const problems = [...this.#settings.unknownKeys, ...this.#settings.invalidSettings];
    if (this.#settings.embedded || this.#settings.invalidSettings.length > 0) return problems;
    if (this.#settings.endpoint) {
      // The client's own rule (https except on loopback), said at preview rather than at the first call.
      try {
        resolveEndpoint(this.#settings.region, this.#settings.endpoint);
      } catch (err) {
        if (err instanceof EndpointError) problems.push(err.message);
        else throw err;
      }
    }
    try {
      this.credentialSource();
    } catch (err) {
      if (err instanceof CredentialsError) problems.push(err.message);
    }
    return problems;
  }

  /** The chain, built once per pool: every region's client shares its session. */
  private credentialSource(): CredentialSource {
    this.#source ??= credentialChain({
      ...this.#settings.credentials,
      explicitSource: "stack config directmail:accessKeyId and directmail:accessKeySecret",
      noneFoundHint: "To run with no Alibaba account, use the built-in emulator: pulumi config set directmail:endpoint embedded",
    });
    return this.#source;
  }

  /**
   * The source for a resource's `account`: a CLI profile instead of the
   * default chain, or a role assumed with the default chain's keys.
   */
  private sourceFor(account: AccountRef | undefined): CredentialSource {
    if (!account) return this.credentialSource();
    const key = JSON.stringify(account);
    let source = this.#accountSources.get(key);
    if (!source) {
      const c = this.#settings.credentials;
      if ("profile" in account) {
        source = credentialChain({
          profile: account.profile,
          profileFile: c.profileFile,
          stsEndpoint: c.stsEndpoint,
          ecsMetadataEndpoint: c.ecsMetadataEndpoint,
          env: c.env,
        });
      } else {
        const env = c.env ?? process.env;
        const where = `account.roleArn ${account.roleArn}`;
        const sts = resolveStsEndpoint(
          c.stsEndpoint ?? firstEnv(env, CREDENTIAL_ENV.stsEndpoint),
          firstEnv(env, CREDENTIAL_ENV.stsRegion),
          where,
        );
        source = assumeRoleSource(this.credentialSource(), account, sts, where);
      }
      this.#accountSources.set(key, source);
    }
    return source;
  }

  /** The defaults `check` fills in, with where each came from. */

  get fallbacks(): Fallbacks {
    return { configuredRegion: { value: this.#settings.region, source: this.#settings.regionSource } };
  }

  /**
   * The embedded emulator, started on first use. It always uses its own key:
   * real credentials configured for the account are never sent to it. That key
   * is the state file's own (`<state file>.key`, 0600), never the published
   * default, so another user of the machine who finds the port cannot drive it.
   * It serves the API only: it lives as long as one `pulumi` command, so an
   * SMTP port would be gone before an application could send to it; the same
   * account is served for sending by `directmail-emulator --state <file>`.
   */
  private startEmbedded(embedded: EmbeddedSettings) {
    this.#embedded ??= (async () => {
      const { embeddedAccessKey, startEmulator, DEMO_DOMAINS } = await import("../../emulator");
      const emulator = await startEmulator({
        persistPath: embedded.statePath,
        domains: embedded.domains?.length ? embedded.domains : DEMO_DOMAINS,
        ...embedded.limits,
        accessKeys: [embeddedAccessKey(embedded.statePath)],
        smtp: false,
      });
      emulator.unref();
      return emulator;
    })();
    return this.#embedded;
  }

  /** The client of a region (and an account, when a resource names one); pooled per account and region. */
  async forRegion(region: string | undefined, account?: AccountRef): Promise<DirectMailClient> {
    const name = region || this.#settings.region;
    const poolKey = `${account ? JSON.stringify(account) : ""}\u0000${name}`;
    let client = this.#clients.get(poolKey);
    if (!client) {
      const embedded = this.#settings.embedded ? await this.startEmbedded(this.#settings.embedded) : undefined;
      // Loaded on first use: `check` and `diff` never need the client (or undici), and a no-change run makes no call.
      const { DirectMailClient } = await import("../../client/client");
      client =
        this.#clients.get(poolKey) ??
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
            : this.sourceFor(account),
        });
      this.#clients.set(poolKey, client);
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
