import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CredentialsError } from "../errors";
import { assumeRoleSource } from "./assumeRole";
import { ecsRoleSource } from "./ecsMetadata";
import { ENV, envName, firstEnv, homeOf } from "./environment";
import { IniSyntaxError, parseIni } from "./ini";
import type { IniFile, IniSection } from "./ini";
import { DEFAULT_DURATION_SECONDS } from "./roleRules";
import { staticSource } from "./session";
import { resolveStsEndpoint } from "./stsEndpoint";
import type { CredentialSource } from "./types";

/** The section types this chain resolves, with the key names the official SDKs read. */
export const INI_TYPES = ["access_key", "sts", "ram_role_arn", "ecs_ram_role"] as const;

/** Types the SDKs know that cannot sign DirectMail requests here, with why. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  rsa_key_pair: "it is deprecated by the SDKs and STS no longer issues key-pair sessions; use access_key or ram_role_arn",
  bearer: "DirectMail takes signed requests, not bearer tokens",
  oidc_role_arn:
    "the current SDKs no longer read it from this file; set ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE, or use a CLI profile in mode OIDC",
};

/** Where the two credential files are, and whether a variable named the INI one. */
export interface CredentialFiles {
  /** The Alibaba CLI's JSON file. */
  readonly cli: string;
  /** The SDKs' INI file. */
  readonly ini: string;
  /** The variable that named the INI file, when one did. */
  readonly iniNamedBy?: string;
}

/** Whether a file holds JSON (an object): the CLI's file, not an INI file (whose first line cannot start with `{`). */
function holdsJson(path: string): boolean {
  try {
    return readFileSync(path, "utf8").trim().startsWith("{");
  } catch {
    // Unreadable: taken for the INI file the SDKs mean, whose turn then reports why.
    return false;
  }
}

/**
 * The files' paths. ALIBABA_CLOUD_CREDENTIALS_FILE names the INI file to the
 * SDKs and the CLI's JSON file to Terraform; the content decides which it is
 * here: JSON is the CLI's file (after ALICLOUD_SHARED_CREDENTIALS_FILE, as
 * Terraform orders them), anything else the INI file. A file it does not name
 * has its default path in the home folder.
 */
export function credentialFiles(env: NodeJS.ProcessEnv): CredentialFiles {
  const named = firstEnv(env, ENV.credentialsFile);
  const home = homeOf(env);
  const json = named !== undefined && holdsJson(named);
  const ini = named !== undefined && !json;
  return {
    cli: firstEnv(env, ENV.profileFile) ?? (json ? named : join(home, ".aliyun", "config.json")),
    ini: ini ? named : join(home, ".alibabacloud", "credentials"),
    iniNamedBy: ini ? ENV.credentialsFile[0] : undefined,
  };
}

export interface IniInputs {
  readonly path: string;
  /** The variable that named the file: then a missing file or section is an error, not a source that does not apply. */
  readonly namedBy?: string;
  readonly env: NodeJS.ProcessEnv;
  /** `directmail:stsEndpoint`: wins over ALIBABA_CLOUD_STS_ENDPOINT for a ram_role_arn section. */
  readonly stsEndpoint?: string;
  readonly ecsMetadataEndpoint?: string;
}

const fileName = (inputs: IniInputs) => `the INI credentials file ${inputs.path}${inputs.namedBy ? ` (${inputs.namedBy})` : ""}`;

/** The file's sections, or undefined when there is no file at the default path. */
function readIniFile(inputs: IniInputs): IniFile | undefined {
  let text: string;
  try {
    text = readFileSync(inputs.path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !inputs.namedBy) return undefined;
    throw new CredentialsError(fileName(inputs), code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? "unreadable"})`);
  }
  try {
    return parseIni(text);
  } catch (err) {
    if (err instanceof IniSyntaxError)
      throw new CredentialsError(fileName(inputs), `is not a credentials file of [section]s: ${err.message}`);
    throw err;
  }
}

/** The source one section describes. */
function sectionSource(section: IniSection, where: string, inputs: IniInputs): CredentialSource {
  const value = (key: string): string | undefined => section.get(key) || undefined;
  const required = (type: string, keys: readonly string[]): string[] => {
    const missing = keys.filter((k) => !value(k));
    if (missing.length > 0) throw new CredentialsError(where, `type ${type} needs ${missing.join(", ")}`);
    return keys.map((k) => value(k) as string);
  };
  const type = value("type");
  if (!type) throw new CredentialsError(where, `has no type; the types are ${INI_TYPES.join(", ")}`);
  switch (type.toLowerCase()) {
    case "access_key": {
      const [accessKeyId, accessKeySecret] = required(type, ["access_key_id", "access_key_secret"]);
      return staticSource(where, { accessKeyId, accessKeySecret });
    }
    case "sts": {
      const [accessKeyId, accessKeySecret, securityToken] = required(type, ["access_key_id", "access_key_secret", "security_token"]);
      return staticSource(where, { accessKeyId, accessKeySecret, securityToken });
    }
    case "ram_role_arn": {
      const [accessKeyId, accessKeySecret, roleArn] = required(type, ["access_key_id", "access_key_secret", "role_arn"]);
      const expiration = value("role_session_expiration");
      if (expiration !== undefined && !/^\d+$/.test(expiration)) {
        throw new CredentialsError(where, "role_session_expiration must be a whole number of seconds");
      }
      const base = staticSource(`${where} (its access key)`, { accessKeyId, accessKeySecret });
      const sts = resolveStsEndpoint(
        inputs.stsEndpoint ?? firstEnv(inputs.env, ENV.stsEndpoint),
        firstEnv(inputs.env, ENV.stsRegion),
        where,
      );
      const role = {
        roleArn,
        sessionName: value("role_session_name"),
        policy: value("policy"),
        durationSeconds: expiration === undefined ? DEFAULT_DURATION_SECONDS : Number(expiration),
      };
      return assumeRoleSource(base, role, sts, where);
    }
    case "ecs_ram_role":
      // The section's type is the explicit choice of the metadata service, as a CLI profile's mode EcsRamRole is.
      return ecsRoleSource(value("role_name"), where, inputs.ecsMetadataEndpoint);
    default: {
      const why = UNSUPPORTED[type.toLowerCase()];
      throw new CredentialsError(
        where,
        why ? `type ${type} is not supported: ${why}` : `unknown type ${JSON.stringify(type)}; the types are ${INI_TYPES.join(", ")}`,
      );
    }
  }
}

/**
 * The source the INI file's section describes (ALIBABA_CLOUD_PROFILE, else
 * `default`), or undefined when, at the default path, there is no file or no
 * such section. A file the variable names is configured: its absence, or the
 * section's, is an error.
 */
export function iniSource(inputs: IniInputs, looked: string[]): CredentialSource | undefined {
  const file = readIniFile(inputs);
  if (!file) {
    looked.push(`the INI credentials file ${inputs.path} (no such file)`);
    return undefined;
  }
  const chosen = firstEnv(inputs.env, ENV.profile);
  const name = chosen ?? "default";
  const section = file.get(name);
  if (!section) {
    if (!inputs.namedBy) {
      looked.push(`the INI credentials file ${inputs.path} (no section [${name}])`);
      return undefined;
    }
    const has = [...file.keys()].map((n) => `[${n}]`).join(", ") || "none";
    throw new CredentialsError(
      fileName(inputs),
      `has no section [${name}] (${chosen ? `the name ${envName(inputs.env, ENV.profile)} gives` : "the default name"}; the file has ${has})`,
    );
  }
  return sectionSource(section, `section [${name}] of the INI credentials file ${inputs.path}`, inputs);
}
