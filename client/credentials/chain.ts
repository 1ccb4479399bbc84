import { CredentialsNotFoundError } from "../errors";
import { assumeRoleSource } from "./assumeRole";
import { credentialsUriSource, parseCredentialsUri } from "./credentialsUri";
import { ecsRoleSource } from "./ecsMetadata";
import { ENV, envName, envTrue, firstEnv } from "./environment";
import { oidcSource } from "./oidc";
import { credentialFiles, iniSource } from "./iniProfile";
import { profileSource } from "./profileFile";
import { staticSource } from "./session";
import { resolveStsEndpoint } from "./stsEndpoint";
import type { CredentialSource, RoleSettings } from "./types";

/** What the chain is told: stack config (or code), and the environment to read. */
export interface CredentialInputs {
  readonly accessKeyId?: string;
  /** Where the explicit values came from, for messages; default "explicit configuration". */
  readonly explicitSource?: string;
  /** What to do when none are found, as the caller knows it (the provider: the embedded emulator). */
  readonly noneFoundHint?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  /** `directmail:profile`: this CLI profile, before the environment's keys. */
  readonly profile?: string;
  /** The Alibaba CLI config file; default ALICLOUD_SHARED_CREDENTIALS_FILE, else ALIBABA_CLOUD_CREDENTIALS_FILE when it holds JSON, else ~/.aliyun/config.json. */
  readonly profileFile?: string;
  /** `directmail:assumeRole`: a role assumed on top of whichever source the chain finds. */
  readonly assumeRole?: RoleSettings;
  /** `directmail:stsEndpoint`. */
  readonly stsEndpoint?: string;
  /** `directmail:ecsRoleName`: the only way the chain ever asks the ECS metadata service. */
  readonly ecsRoleName?: string;
  /** Where the metadata service is; default http://100.100.100.200 (a test or a proxy sets another). */
  readonly ecsMetadataEndpoint?: string;
  /** `directmail:credentialsUri`. */
  readonly credentialsUri?: string;
  /** The environment to read; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The assume-role step's settings: the config's, else the environment's (ALICLOUD_ASSUME_ROLE_*). */
function assumeRoleSettings(inputs: CredentialInputs, env: NodeJS.ProcessEnv): { role: RoleSettings; where: string } | undefined {
  if (inputs.assumeRole) return { role: inputs.assumeRole, where: "directmail:assumeRole" };
  const roleArn = firstEnv(env, ENV.assumeRoleArn);
  if (!roleArn) return undefined;
  const duration = firstEnv(env, ENV.assumeRoleDuration);
  return {
    role: {
      roleArn,
      sessionName: firstEnv(env, ENV.assumeRoleSessionName) ?? firstEnv(env, ENV.sessionName),
      externalId: firstEnv(env, ENV.assumeRoleExternalId),
      durationSeconds: duration === undefined ? undefined : /^\d+$/.test(duration) ? Number(duration) : NaN,
    },
    where: `${ENV.assumeRoleArn[0]} (environment)`,
  };
}

/** The base source: the first one that is configured. It is then the one used: a failure is its error, never a silent fall-through. */
function baseSource(inputs: CredentialInputs, env: NodeJS.ProcessEnv): CredentialSource {
  const looked: string[] = [];
  const sts = (where: string) =>
    resolveStsEndpoint(inputs.stsEndpoint ?? firstEnv(env, ENV.stsEndpoint), firstEnv(env, ENV.stsRegion), where);

  if (inputs.accessKeyId || inputs.accessKeySecret) {
    if (!inputs.accessKeyId || !inputs.accessKeySecret) {
      throw new CredentialsNotFoundError(
        `explicit credentials are incomplete: set both directmail:accessKeyId and directmail:accessKeySecret (only ${inputs.accessKeyId ? "accessKeyId" : "accessKeySecret"} is set)`,
      );
    }
    return staticSource(inputs.explicitSource ?? "explicit configuration", {
      accessKeyId: inputs.accessKeyId,
      accessKeySecret: inputs.accessKeySecret,
      securityToken: inputs.securityToken,
    });
  }
  looked.push("explicit configuration (directmail:accessKeyId / directmail:accessKeySecret)");

  const files = credentialFiles(env);
  const profilePath = inputs.profileFile ?? files.cli;
  if (inputs.profile) {
    return profileSource(
      { path: profilePath, profile: inputs.profile, env, stsEndpoint: inputs.stsEndpoint, ecsMetadataEndpoint: inputs.ecsMetadataEndpoint },
      looked,
    ) as CredentialSource;
  }

  const envId = firstEnv(env, ENV.accessKeyId);
  const envSecret = firstEnv(env, ENV.accessKeySecret);
  if (envId && envSecret) {
    return staticSource(`the environment variables ${envName(env, ENV.accessKeyId)} and ${envName(env, ENV.accessKeySecret)}`, {
      accessKeyId: envId,
      accessKeySecret: envSecret,
      securityToken: firstEnv(env, ENV.securityToken),
    });
  }
  looked.push(
    `environment variables ${ENV.accessKeyId.slice(0, 2).join(" / ")} with ${ENV.accessKeySecret.slice(0, 2).join(" / ")}${envId || envSecret ? " (only one of the pair is set)" : ""}`,
  );

  const oidc = [ENV.oidcRoleArn, ENV.oidcProviderArn, ENV.oidcTokenFile].map((names) => firstEnv(env, names));
  if (oidc.every(Boolean)) {
    const where = "the OIDC environment (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)";
    return oidcSource(
      {
        roleArn: oidc[0] as string,
        providerArn: oidc[1] as string,
        tokenFile: oidc[2] as string,
        sessionName: firstEnv(env, ENV.sessionName),
        stsEndpoint: sts(where),
      },
      where,
    );
  }
  const someOidc = [ENV.oidcRoleArn, ENV.oidcProviderArn, ENV.oidcTokenFile].filter((names) => firstEnv(env, names)).map((n) => n[0]);
  looked.push(
    `the OIDC environment ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE${someOidc.length ? ` (only ${someOidc.join(", ")} set)` : ""}`,
  );

  if (!envTrue(env, "ALIBABA_CLOUD_CLI_PROFILE_DISABLED") && (env.ALIBABA_CLOUD_IGNORE_PROFILE ?? "").toUpperCase() !== "TRUE") {
    const fromFile = profileSource(
      { path: profilePath, env, stsEndpoint: inputs.stsEndpoint, ecsMetadataEndpoint: inputs.ecsMetadataEndpoint },
      looked,
    );
    if (fromFile) return fromFile;
  }

  const fromIni = iniSource(
    { path: files.ini, namedBy: files.iniNamedBy, env, stsEndpoint: inputs.stsEndpoint, ecsMetadataEndpoint: inputs.ecsMetadataEndpoint },
    looked,
  );
  if (fromIni) return fromIni;

  const uri = inputs.credentialsUri ?? firstEnv(env, ENV.credentialsUri);
  if (uri) {
    const where = inputs.credentialsUri ? "directmail:credentialsUri" : `the credentials URI in ${envName(env, ENV.credentialsUri)}`;
    return credentialsUriSource(parseCredentialsUri(uri, where), where);
  }
  looked.push(`a credentials URI (directmail:credentialsUri / ${ENV.credentialsUri[0]})`);

  const roleName = inputs.ecsRoleName ?? firstEnv(env, ENV.ecsRoleName);
  if (roleName) {
    const where = `the ECS instance RAM role ${roleName} (${inputs.ecsRoleName ? "directmail:ecsRoleName" : envName(env, ENV.ecsRoleName)})`;
    return ecsRoleSource(roleName, where, inputs.ecsMetadataEndpoint);
  }
  looked.push("an ECS instance RAM role (directmail:ecsRoleName / ALICLOUD_ECS_ROLE_NAME; never probed unless named)");

  throw new CredentialsNotFoundError(
    `no DirectMail credentials found. Looked in: ${looked.join("; ")}${inputs.noneFoundHint ? `. ${inputs.noneFoundHint}` : ""}`,
  );
}

/**
 * The credential chain, in this order (the first source configured is the
 * one used): explicit keys; `directmail:profile`; the environment's keys; the
 * OIDC environment triple; the Alibaba CLI profile file (ALIBABA_CLOUD_PROFILE,
 * else its `current`); the SDKs' INI file (section ALIBABA_CLOUD_PROFILE, else
 * `default`), where the official chain reads it too: after the CLI file,
 * before the metadata service and a credentials URI; a credentials URI; an
 * ECS RAM role when one is named.
 * Then, when `directmail:assumeRole` (or ALICLOUD_ASSUME_ROLE_ARN) is set, that
 * role assumed with the source's keys. Everything that can be checked without
 * a request is checked here, so bad settings fail before any call.
 */
export function credentialChain(inputs: CredentialInputs = {}): CredentialSource {
  const env = inputs.env ?? process.env;
  const base = baseSource(inputs, env);
  const assume = assumeRoleSettings(inputs, env);
  if (!assume) return base;
  const endpoint = resolveStsEndpoint(inputs.stsEndpoint ?? firstEnv(env, ENV.stsEndpoint), firstEnv(env, ENV.stsRegion), assume.where);
  return assumeRoleSource(base, assume.role, endpoint, assume.where);
}
