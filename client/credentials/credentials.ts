import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { CredentialsNotFoundError } from "../errors";

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** Where they came from, for messages; never the values. */
  readonly source: string;
}

export interface CredentialInputs {
  /** Values given explicitly (stack config or code). */
  readonly accessKeyId?: string;
  /** Where the explicit values came from, for messages; default "explicit configuration". */
  readonly explicitSource?: string;
  /** What to do when none are found, as the caller knows it (the provider: the embedded emulator). */
  readonly noneFoundHint?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  /** The environment to read; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The Alibaba CLI config file; defaults to ~/.aliyun/config.json. */
  readonly profileFile?: string;
}

// The same names the Alibaba SDKs and the Terraform provider read, first match wins.
const ENV_ID = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"];
const ENV_SECRET = ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"];
const ENV_TOKEN = ["ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"];
const ENV_PROFILE = ["ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"];

/** The first of several equivalent environment variables that is set and not empty. */
export function firstEnv(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  const name = firstEnvName(env, names);
  return name === undefined ? undefined : env[name];
}

/** Which of several equivalent environment variables `firstEnv` reads. */
function firstEnvName(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  return names.find((name) => env[name]);
}

interface CliProfile {
  name?: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
}

interface CliConfig {
  current?: string;
  profiles?: CliProfile[];
}

/** Reads an AK or StsToken profile from the Alibaba CLI's config file; other modes need an SDK of their own. */
function fromProfileFile(path: string, env: NodeJS.ProcessEnv, looked: string[]): Credentials | undefined {
  let parsed: CliConfig;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as CliConfig;
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "unreadable or not JSON";
    looked.push(`the Alibaba CLI profile file ${path} (${reason})`);
    return undefined;
  }
  const wanted = firstEnv(env, ENV_PROFILE) ?? parsed.current ?? "default";
  const profile = (parsed.profiles ?? []).find((p) => p.name === wanted);
  if (!profile) {
    looked.push(`the Alibaba CLI profile file ${path} (no profile named "${wanted}")`);
    return undefined;
  }
  const mode = profile.mode ?? "AK";
  if (mode !== "AK" && mode !== "StsToken") {
    looked.push(`profile "${wanted}" in ${path} (mode ${mode} is not supported; use AK or StsToken)`);
    return undefined;
  }
  if (!profile.access_key_id || !profile.access_key_secret) {
    looked.push(`profile "${wanted}" in ${path} (access_key_id or access_key_secret is empty)`);
    return undefined;
  }
  if (mode === "StsToken" && !profile.sts_token) {
    looked.push(`profile "${wanted}" in ${path} (mode StsToken without sts_token)`);
    return undefined;
  }
  return {
    accessKeyId: profile.access_key_id,
    accessKeySecret: profile.access_key_secret,
    securityToken: mode === "StsToken" ? profile.sts_token : undefined,
    source: `profile "${wanted}" in ${path}`,
  };
}

/**
 * Finds credentials: explicit values, then the environment, then the Alibaba
 * CLI profile file. Called at request time, never captured, so that nothing
 * secret is serialized into Pulumi state.
 */
export function resolveCredentials(inputs: CredentialInputs = {}): Credentials {
  const env = inputs.env ?? process.env;
  const looked: string[] = [];

  if (inputs.accessKeyId || inputs.accessKeySecret) {
    if (inputs.accessKeyId && inputs.accessKeySecret) {
      return {
        accessKeyId: inputs.accessKeyId,
        accessKeySecret: inputs.accessKeySecret,
        securityToken: inputs.securityToken,
        source: inputs.explicitSource ?? "explicit configuration",
      };
    }
    throw new CredentialsNotFoundError(
      `explicit credentials are incomplete: set both directmail:accessKeyId and directmail:accessKeySecret (only ${inputs.accessKeyId ? "accessKeyId" : "accessKeySecret"} is set)`,
    );
  }
  looked.push("explicit configuration (directmail:accessKeyId / directmail:accessKeySecret)");

  const envId = firstEnv(env, ENV_ID);
  const envSecret = firstEnv(env, ENV_SECRET);
  if (envId && envSecret) {
    return {
      accessKeyId: envId,
      accessKeySecret: envSecret,
      securityToken: firstEnv(env, ENV_TOKEN),
      source: `the environment variables ${firstEnvName(env, ENV_ID)} and ${firstEnvName(env, ENV_SECRET)}`,
    };
  }
  looked.push(
    `environment variables ${ENV_ID.join(" / ")} with ${ENV_SECRET.join(" / ")}${envId || envSecret ? " (only one of the pair is set)" : ""}`,
  );

  const profileFile = inputs.profileFile ?? join(homedir(), ".aliyun", "config.json");
  const fromFile = fromProfileFile(profileFile, env, looked);
  if (fromFile) return fromFile;

  throw new CredentialsNotFoundError(
    `no DirectMail credentials found. Looked in: ${looked.join("; ")}${inputs.noneFoundHint ? `. ${inputs.noneFoundHint}` : ""}`,
  );
}
