import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CredentialInputs, RoleSettings } from "../../client/credentials/credentials";
import { firstEnv } from "../../client/credentials/environment";
import { DEFAULT_REGION } from "../../client/rpc/endpoints";
import { nearestName } from "../schema/nearestName";

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
  /** Settings that are present but unusable (a malformed `directmail:emulator`, a `directmail:assumeRole` that is not an object of its fields), each with what to do. */
  readonly invalidSettings: readonly string[];
}

export interface EmbeddedSettings {
  /** Where the emulator keeps its state between `pulumi` commands (each starts a new provider process). */
  readonly statePath: string;
  /** Domains the account starts with, verified; undefined: the emulator's demo domains (`DEMO_DOMAINS`, also its command's default). */
  readonly domains?: readonly string[];
  /** The account quotas the embedded emulator enforces (`directmail:emulator`). */
  readonly limits: EmbeddedLimits;
}

/**
 * The quotas of the embedded emulator. The monthly deletion limit is off unless
 * asked for: it never resets within a month, so a normal local loop of up and
 * destroy would hit it after five rounds of two senders and stay stuck. The
 * other quotas count what exists now, so a loop cannot run into them; they keep
 * DirectMail's values.
 */
export interface EmbeddedLimits {
  /** Deletions per region and calendar month; 0 = off (the embedded default). DirectMail's is 10. */
  readonly monthlyDeleteLimit: number;
  /** Sender addresses per region (DirectMail's 10). */
  readonly addressLimit: number;
  /** Sending domains per account, the configured ones included (DirectMail's FAQ: 5). */
  readonly domainLimit: number;
}

export const EMBEDDED_LIMITS: EmbeddedLimits = { monthlyDeleteLimit: 0, addressLimit: 10, domainLimit: 5 };

/** The `directmail:endpoint` value that selects the embedded emulator. */
const EMBEDDED = "embedded";

const CONFIG_KEYS = {
  region: "directmail:region",
  endpoint: "directmail:endpoint",
  accessKeyId: "directmail:accessKeyId",
  accessKeySecret: "directmail:accessKeySecret",
  securityToken: "directmail:securityToken",
  profile: "directmail:profile",
  sharedCredentialsFile: "directmail:sharedCredentialsFile",
  assumeRole: "directmail:assumeRole",
  stsEndpoint: "directmail:stsEndpoint",
  ecsRoleName: "directmail:ecsRoleName",
  ecsMetadataEndpoint: "directmail:ecsMetadataEndpoint",
  credentialsUri: "directmail:credentialsUri",
  emulatorState: "directmail:emulatorState",
  emulatorDomains: "directmail:emulatorDomains",
  emulator: "directmail:emulator",
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
      const nearest = nearestName(key, known);
      const hint = nearest ? `; did you mean ${nearest}?` : "";
      return `${key} is not a setting of pulumi-directmail${hint} (known: ${known.join(", ")}); fix it with pulumi config rm ${key} and pulumi config set`;
    });
}

const ROLE_FIELDS = ["roleArn", "sessionName", "externalId", "policy", "durationSeconds"] as const;

/**
 * `directmail:assumeRole`, an object in the stack config (`pulumi config set
 * --path directmail:assumeRole.roleArn ...`); what cannot be read goes to
 * `problems`, naming the field and the rule.
 */
function readAssumeRole(text: string | undefined, problems: string[]): RoleSettings | undefined {
  if (!text) return undefined;
  const key = CONFIG_KEYS.assumeRole;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    problems.push(`${key} must be an object (set its fields with pulumi config set --path ${key}.roleArn <arn>)`);
    return undefined;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    problems.push(`${key} must be an object with ${ROLE_FIELDS.join(", ")}`);
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!(ROLE_FIELDS as readonly string[]).includes(name))
      problems.push(`${key}.${name} is not a field of ${key} (fields: ${ROLE_FIELDS.join(", ")})`);
  }
  if (typeof fields.roleArn !== "string" || !fields.roleArn) {
    problems.push(`${key}.roleArn is required: the ARN of the role to assume (acs:ram::<account id>:role/<name>)`);
    return undefined;
  }
  const text_ = (name: string) => {
    const v = fields[name];
    if (v === undefined) return undefined;
    if (typeof v !== "string") problems.push(`${key}.${name} must be a string`);
    return typeof v === "string" ? v : undefined;
  };
  let durationSeconds: number | undefined;
  const d = fields.durationSeconds;
  if (d !== undefined) {
    durationSeconds = typeof d === "number" ? d : typeof d === "string" && /^\d+$/.test(d) ? Number(d) : NaN;
  }
  return {
    roleArn: fields.roleArn,
    sessionName: text_("sessionName"),
    externalId: text_("externalId"),
    policy: text_("policy"),
    durationSeconds,
  };
}

/**
 * `directmail:emulator`: an object of quotas for the embedded emulator, set
 * with `pulumi config set --path directmail:emulator.monthlyDeleteLimit 10`
 * (the engine hands it over as JSON text). Anything else is reported, never
 * ignored: a limit asked for and silently dropped would lie.
 */
export function readEmbeddedLimits(value: unknown): { limits: EmbeddedLimits; problems: string[] } {
  if (value === undefined || value === null || value === "") return { limits: EMBEDDED_LIMITS, problems: [] };
  const key = CONFIG_KEYS.emulator;
  const usage = `set it with pulumi config set --path ${key}.monthlyDeleteLimit 10 (keys: ${Object.keys(EMBEDDED_LIMITS).join(", ")})`;
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { limits: EMBEDDED_LIMITS, problems: [`${key} must be an object of emulator quotas; ${usage}`] };
  }
  const limits: Record<string, number> = { ...EMBEDDED_LIMITS };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (!(name in EMBEDDED_LIMITS)) {
      problems.push(`${key}.${name} is not an emulator quota; ${usage}`);
      continue;
    }
    // `pulumi config set --path` stores digits as a number; a string of digits is taken too.
    const n = typeof value === "number" ? value : typeof value === "string" && /^[0-9]+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 0)
      problems.push(`${key}.${name} must be a whole number (0 or more; 0 = off), not ${JSON.stringify(value)}`);
    else limits[name] = n;
  }
  return { limits: limits as unknown as EmbeddedLimits, problems };
}

/**
 * `get` looks up a full config key such as "directmail:region"; `keys` are
 * every config key the stack has, when the caller can list them.
 */
export function readSettings(
  getRaw: (key: string) => unknown,
  env: NodeJS.ProcessEnv = process.env,
  keys: readonly string[] = [],
): ProviderSettings {
  const get = (key: string): string | undefined => {
    const value = getRaw(key);
    return typeof value === "string" ? value : undefined;
  };
  const endpoint = get(CONFIG_KEYS.endpoint) || firstEnv(env, ENDPOINT_ENV) || undefined;
  const { limits, problems } = readEmbeddedLimits(getRaw(CONFIG_KEYS.emulator));
  const embedded: EmbeddedSettings | undefined =
    endpoint === EMBEDDED
      ? {
          statePath: get(CONFIG_KEYS.emulatorState) || defaultEmulatorState(),
          domains: get(CONFIG_KEYS.emulatorDomains)
            ?.split(",")
            .map((d) => d.trim())
            .filter(Boolean),
          limits,
        }
      : undefined;
  const credentialProblems: string[] = [];
  const assumeRole = readAssumeRole(get(CONFIG_KEYS.assumeRole), credentialProblems);
  const regionEnv = REGION_ENV.find((name) => env[name]);
  const configured = get(CONFIG_KEYS.region);
  return {
    region: configured || (regionEnv && env[regionEnv]) || DEFAULT_REGION,
    regionSource: configured ? CONFIG_KEYS.region : (regionEnv ?? "the built-in default"),
    endpoint,
    embedded,
    unknownKeys: unknownConfigKeys(keys),
    invalidSettings: [...(embedded ? problems : []), ...credentialProblems],
    credentials: {
      accessKeyId: get(CONFIG_KEYS.accessKeyId) || undefined,
      accessKeySecret: get(CONFIG_KEYS.accessKeySecret) || undefined,
      securityToken: get(CONFIG_KEYS.securityToken) || undefined,
      profile: get(CONFIG_KEYS.profile) || undefined,
      profileFile: get(CONFIG_KEYS.sharedCredentialsFile) || undefined,
      assumeRole,
      stsEndpoint: get(CONFIG_KEYS.stsEndpoint) || undefined,
      ecsRoleName: get(CONFIG_KEYS.ecsRoleName) || undefined,
      ecsMetadataEndpoint: get(CONFIG_KEYS.ecsMetadataEndpoint) || undefined,
      credentialsUri: get(CONFIG_KEYS.credentialsUri) || undefined,
      env,
    },
  };
}
