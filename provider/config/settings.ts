import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { CredentialInputs, firstEnv } from "../../client/credentials/credentials";
import { DEFAULT_REGION } from "../../client/rpc/endpoints";

/**
 * Provider settings: stack config in the `directmail` namespace first, then
 * the environment. Read in the provider process (`configure`) or in the
 * program (look-ups); never captured into a serialized provider, so no
 * credential reaches Pulumi state.
 */
export interface ProviderSettings {
  readonly region: string;
  /** Where `region` came from, for messages: a config key, an environment variable or "the built-in default". */
  readonly regionSource: string;
  readonly endpoint?: string;
  readonly credentials: CredentialInputs;
  /** Set when `directmail:endpoint` is `embedded`: run the emulator in this process. */
  readonly embedded?: EmbeddedSettings;
  /** `directmail:*` keys that are no setting of this provider (a typo, most often), each with what to do. */
  readonly unknownKeys: readonly string[];
}

export interface EmbeddedSettings {
  /** Where the emulator keeps its state between `pulumi` commands (each starts a new provider process). */
  readonly statePath: string;
  readonly domains: readonly string[];
}

/** The `directmail:endpoint` value that selects the embedded emulator. */
const EMBEDDED = "embedded";

const CONFIG_KEYS = {
  region: "directmail:region",
  endpoint: "directmail:endpoint",
  accessKeyId: "directmail:accessKeyId",
  accessKeySecret: "directmail:accessKeySecret",
  securityToken: "directmail:securityToken",
  emulatorState: "directmail:emulatorState",
  emulatorDomains: "directmail:emulatorDomains",
} as const;

const REGION_ENV = ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"];
const ENDPOINT_ENV = ["ALIBABA_CLOUD_ENDPOINT_DM", "DM_ENDPOINT"];

/**
 * Beside the project's Pulumi.yaml: the provider runs in the folder of the
 * program's `main`, which may be a build folder below the project.
 */
function defaultEmulatorState(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "Pulumi.yaml"))) return join(dir, ".directmail-emulator.json");
    if (dir === dirname(dir)) return join(process.cwd(), ".directmail-emulator.json");
  }
}

/** Edit distance, for the nearest known key to a mistyped one. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/**
 * The `directmail:*` keys among `keys` that this provider does not read. An
 * unknown key is otherwise silently ignored, and the mistake shows much later
 * as something else (a typo in `directmail:endpoint` as "no credentials").
 */
export function unknownConfigKeys(keys: readonly string[]): string[] {
  const known: readonly string[] = Object.values(CONFIG_KEYS);
  return keys
    .filter((key) => key.startsWith("directmail:") && !known.includes(key))
    .map((key) => {
      const nearest = [...known].sort((a, b) => distance(key, a) - distance(key, b))[0];
      const hint = distance(key, nearest) <= 3 ? `; did you mean ${nearest}?` : "";
      return `${key} is not a setting of pulumi-directmail${hint} (known: ${known.join(", ")}); fix it with pulumi config rm ${key} and pulumi config set`;
    });
}

/**
 * `get` looks up a full config key such as "directmail:region"; `keys` are
 * every config key the stack has, when the caller can list them.
 */
export function readSettings(
  get: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  keys: readonly string[] = [],
): ProviderSettings {
  const endpoint = get(CONFIG_KEYS.endpoint) || firstEnv(env, ENDPOINT_ENV) || undefined;
  const embedded: EmbeddedSettings | undefined =
    endpoint === EMBEDDED
      ? {
          statePath: get(CONFIG_KEYS.emulatorState) || defaultEmulatorState(),
          domains: (get(CONFIG_KEYS.emulatorDomains) || "example.com,example.org")
            .split(",")
            .map((d) => d.trim())
            .filter(Boolean),
        }
      : undefined;
  const regionEnv = REGION_ENV.find((name) => env[name]);
  const configured = get(CONFIG_KEYS.region);
  return {
    region: configured || (regionEnv && env[regionEnv]) || DEFAULT_REGION,
    regionSource: configured ? CONFIG_KEYS.region : (regionEnv ?? "the built-in default"),
    endpoint,
    embedded,
    unknownKeys: unknownConfigKeys(keys),
    credentials: {
      accessKeyId: get(CONFIG_KEYS.accessKeyId) || undefined,
      accessKeySecret: get(CONFIG_KEYS.accessKeySecret) || undefined,
      securityToken: get(CONFIG_KEYS.securityToken) || undefined,
      env,
    },
  };
}
