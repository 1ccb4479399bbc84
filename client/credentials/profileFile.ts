import { readFileSync } from "node:fs";
import { CredentialsError } from "../errors";
import { assumeRoleSource } from "./assumeRole";
import { credentialsUriSource, parseCredentialsUri } from "./credentialsUri";
import { ecsRoleSource } from "./ecsMetadata";
import { ENV, firstEnv } from "./environment";
import { oidcSource } from "./oidc";
import { DEFAULT_DURATION_SECONDS } from "./roleRules";
import { staticSource } from "./session";
import { resolveStsEndpoint } from "./stsEndpoint";
import type { CredentialSource, RoleSettings } from "./types";

/** The fields of an Alibaba CLI profile this chain reads (config/profile.go's names). */
export interface CliProfile {
  readonly name?: string;
  readonly mode?: string;
  readonly access_key_id?: string;
  readonly access_key_secret?: string;
  readonly sts_token?: string;
  readonly ram_role_arn?: string;
  readonly ram_session_name?: string;
  readonly expired_seconds?: number;
  readonly external_id?: string;
  readonly sts_region?: string;
  readonly sts_endpoint?: string;
  readonly ram_role_name?: string;
  readonly source_profile?: string;
  readonly oidc_provider_arn?: string;
  readonly oidc_token_file?: string;
  readonly credentials_uri?: string;
}

interface CliConfig {
  readonly current?: string;
  readonly profiles?: readonly CliProfile[];
}

/** The modes this chain resolves, as the CLI spells them (matched without regard to case). */
export const PROFILE_MODES = ["AK", "StsToken", "RamRoleArn", "EcsRamRole", "ChainableRamRoleArn", "OIDC", "CredentialsURI"] as const;
export type ProfileMode = (typeof PROFILE_MODES)[number];

/** Modes the CLI knows that a pipeline cannot use here, with why. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  cloudsso: "it needs an interactive sign-in (aliyun configure --mode CloudSSO); use OIDC or RamRoleArn in pipelines",
  oauth: "it needs an interactive sign-in; use OIDC or RamRoleArn in pipelines",
  external: "running a command from the profile is not supported; use CredentialsURI to ask a local agent",
  ramrolearnwithrolename: "it is deprecated by the CLI; use ChainableRamRoleArn with an EcsRamRole source profile",
  bearertoken: "DirectMail takes signed requests, not bearer tokens",
  rsakeypair: "it is deprecated by the CLI and STS no longer issues key-pair sessions",
  anonymous: "DirectMail needs signed requests",
};

export interface ProfileInputs {
  readonly path: string;
  /** The profile to use; else the environment's, else the file's `current`, else `default`. */
  readonly profile?: string;
  readonly env: NodeJS.ProcessEnv;
  /** `directmail:stsEndpoint`: wins over a profile's sts_endpoint. */
  readonly stsEndpoint?: string;
  readonly ecsMetadataEndpoint?: string;
}

/** The file's profiles, or undefined when there is no file; a file that is there but unreadable is an error. */
export function readProfileFile(path: string): CliConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CredentialsError(
      `the Alibaba CLI profile file ${path}`,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as CliConfig;
  } catch {
    // reported below
  }
  throw new CredentialsError(`the Alibaba CLI profile file ${path}`, "is not a JSON object of the CLI's form ({current, profiles: [...]})");
}

/** The profile's mode: given (any case), or guessed from its fields as the CLI does. */
function modeOf(p: CliProfile, where: string): ProfileMode {
  if (p.mode) {
    const known = PROFILE_MODES.find((m) => m.toLowerCase() === p.mode?.toLowerCase());
    if (known) return known;
    const why = UNSUPPORTED[p.mode.toLowerCase()];
    throw new CredentialsError(
      where,
      why ? `mode ${p.mode} is not supported: ${why}` : `unknown mode ${JSON.stringify(p.mode)}; the modes are ${PROFILE_MODES.join(", ")}`,
    );
  }
  if (p.access_key_id && p.access_key_secret) return p.ram_role_arn ? "RamRoleArn" : p.sts_token ? "StsToken" : "AK";
  if (p.ram_role_name) return "EcsRamRole";
  if (p.oidc_provider_arn && p.oidc_token_file && p.ram_role_arn) return "OIDC";
  if (p.credentials_uri) return "CredentialsURI";
  if (p.source_profile && p.ram_role_arn) return "ChainableRamRoleArn";
  throw new CredentialsError(where, `has no mode, and its fields fit none (${PROFILE_MODES.join(", ")})`);
}

function need(p: CliProfile, fields: ReadonlyArray<keyof CliProfile>, mode: string, where: string): void {
  const missing = fields.filter((f) => p[f] === undefined || p[f] === "");
  if (missing.length > 0) throw new CredentialsError(where, `mode ${mode} needs ${missing.join(", ")}`);
}

/** Resolves profiles by name, following source_profile, refusing loops. */
class ProfileResolver {
  private readonly byName = new Map<string, CliProfile>();

  constructor(
    private readonly inputs: ProfileInputs,
    config: CliConfig,
  ) {
    for (const p of config.profiles ?? []) if (p.name) this.byName.set(p.name, p);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  source(name: string, chain: readonly string[] = []): CredentialSource {
    const where = `profile "${name}" in ${this.inputs.path}`;
    if (chain.includes(name)) {
      throw new CredentialsError(where, `source_profile makes a loop: ${[...chain, name].map((n) => `"${n}"`).join(" -> ")}`);
    }
    const p = this.byName.get(name);
    if (!p) {
      const referrer = chain.at(-1);
      throw new CredentialsError(
        referrer ? `profile "${referrer}" in ${this.inputs.path}` : where,
        referrer
          ? `its source_profile "${name}" is not in the file`
          : `no such profile (the file has ${[...this.byName.keys()].map((n) => `"${n}"`).join(", ") || "none"})`,
      );
    }
    const mode = modeOf(p, where);
    const sts = () =>
      resolveStsEndpoint(
        this.inputs.stsEndpoint ?? p.sts_endpoint ?? firstEnv(this.inputs.env, ENV.stsEndpoint),
        p.sts_region ?? firstEnv(this.inputs.env, ENV.stsRegion),
        where,
      );
    const role = (): RoleSettings => ({
      roleArn: p.ram_role_arn ?? "",
      sessionName: p.ram_session_name || undefined,
      externalId: p.external_id || undefined,
      durationSeconds: p.expired_seconds ?? DEFAULT_DURATION_SECONDS,
    });
    switch (mode) {
      case "AK":
        need(p, ["access_key_id", "access_key_secret"], mode, where);
        return staticSource(where, { accessKeyId: p.access_key_id as string, accessKeySecret: p.access_key_secret as string });
      case "StsToken":
        need(p, ["access_key_id", "access_key_secret", "sts_token"], mode, where);
        return staticSource(where, {
          accessKeyId: p.access_key_id as string,
          accessKeySecret: p.access_key_secret as string,
          securityToken: p.sts_token,
        });
      case "RamRoleArn": {
        need(p, ["access_key_id", "access_key_secret", "ram_role_arn"], mode, where);
        const base = staticSource(`${where} (its access key)`, {
          accessKeyId: p.access_key_id as string,
          accessKeySecret: p.access_key_secret as string,
          securityToken: p.sts_token || undefined,
        });
        return assumeRoleSource(base, role(), sts(), where);
      }
      case "ChainableRamRoleArn":
        need(p, ["source_profile", "ram_role_arn"], mode, where);
        return assumeRoleSource(this.source(p.source_profile as string, [...chain, name]), role(), sts(), where);
      case "EcsRamRole":
        return ecsRoleSource(p.ram_role_name || undefined, where, this.inputs.ecsMetadataEndpoint);
      case "OIDC":
        need(p, ["oidc_provider_arn", "oidc_token_file", "ram_role_arn"], mode, where);
        return oidcSource(
          { ...role(), providerArn: p.oidc_provider_arn as string, tokenFile: p.oidc_token_file as string, stsEndpoint: sts() },
          where,
        );
      case "CredentialsURI": {
        const uri = p.credentials_uri || firstEnv(this.inputs.env, ENV.credentialsUri);
        if (!uri) throw new CredentialsError(where, `mode CredentialsURI needs credentials_uri (or ${ENV.credentialsUri[0]})`);
        return credentialsUriSource(parseCredentialsUri(uri, where), where);
      }
    }
  }
}

/**
 * The source a CLI profile describes, or undefined when there is no file (or,
 * with no profile asked for by name, when the file has no profile of the name
 * the environment or `current` gives).
 */
export function profileSource(inputs: ProfileInputs, looked: string[]): CredentialSource | undefined {
  const config = readProfileFile(inputs.path);
  if (!config) {
    if (inputs.profile)
      throw new CredentialsError(`directmail:profile "${inputs.profile}"`, `the Alibaba CLI profile file ${inputs.path} does not exist`);
    looked.push(`the Alibaba CLI profile file ${inputs.path} (no such file)`);
    return undefined;
  }
  const resolver = new ProfileResolver(inputs, config);
  const wanted = inputs.profile ?? firstEnv(inputs.env, ENV.profile) ?? config.current ?? "default";
  if (!inputs.profile && !resolver.has(wanted)) {
    looked.push(`the Alibaba CLI profile file ${inputs.path} (no profile named "${wanted}")`);
    return undefined;
  }
  return resolver.source(wanted);
}
