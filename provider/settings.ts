import { DirectMailClient } from "./client/client";
import { CredentialInputs, firstEnv } from "./client/credentials";
import { DEFAULT_REGION } from "./client/endpoints";

/**
 * Provider settings: stack config in the `directmail` namespace first, then
 * the environment. Read in the provider process (`configure`) or in the
 * program (look-ups); never captured into a serialized provider, so no
 * credential reaches Pulumi state.
 */
export interface ProviderSettings {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials: CredentialInputs;
}

export const CONFIG_KEYS = {
  region: "directmail:region",
  endpoint: "directmail:endpoint",
  accessKeyId: "directmail:accessKeyId",
  accessKeySecret: "directmail:accessKeySecret",
  securityToken: "directmail:securityToken",
} as const;

const REGION_ENV = ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"];
const ENDPOINT_ENV = ["ALIBABA_CLOUD_ENDPOINT_DM", "DM_ENDPOINT"];

/** `get` looks up a full config key such as "directmail:region". */
export function readSettings(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  return {
    region: get(CONFIG_KEYS.region) || firstEnv(env, REGION_ENV) || DEFAULT_REGION,
    endpoint: get(CONFIG_KEYS.endpoint) || firstEnv(env, ENDPOINT_ENV) || undefined,
    credentials: {
      accessKeyId: get(CONFIG_KEYS.accessKeyId) || undefined,
      accessKeySecret: get(CONFIG_KEYS.accessKeySecret) || undefined,
      securityToken: get(CONFIG_KEYS.securityToken) || undefined,
      env,
    },
  };
}

/** One pooled client per region, shared by every resource in the process. */
export class ClientPool {
  private readonly clients = new Map<string, DirectMailClient>();

  constructor(private readonly settings: ProviderSettings) {}

  /** Same region, endpoint and explicit credentials (the environment is the process's own either way). */
  sameSettings(other: ClientPool): boolean {
    const key = (s: ProviderSettings) =>
      JSON.stringify([s.region, s.endpoint, s.credentials.accessKeyId, s.credentials.accessKeySecret, s.credentials.securityToken]);
    return key(this.settings) === key(other.settings);
  }

  get defaultRegion(): string {
    return this.settings.region;
  }

  forRegion(region: string | undefined): DirectMailClient {
    const name = region || this.settings.region;
    let client = this.clients.get(name);
    if (!client) {
      client = new DirectMailClient({ region: name, endpoint: this.settings.endpoint, credentials: this.settings.credentials });
      this.clients.set(name, client);
    }
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
    this.clients.clear();
  }
}
