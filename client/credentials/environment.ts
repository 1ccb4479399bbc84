import { homedir } from "node:os";

/**
 * The environment variables the chain reads, first match wins in each list:
 * the names the Alibaba CLI, SDKs and the Terraform provider read.
 */
export const ENV = {
  accessKeyId: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "ALIBABACLOUD_ACCESS_KEY_ID"],
  accessKeySecret: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY", "ALIBABACLOUD_ACCESS_KEY_SECRET"],
  securityToken: ["ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN"],
  oidcRoleArn: ["ALIBABA_CLOUD_ROLE_ARN"],
  oidcProviderArn: ["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"],
  oidcTokenFile: ["ALIBABA_CLOUD_OIDC_TOKEN_FILE"],
  sessionName: ["ALIBABA_CLOUD_ROLE_SESSION_NAME"],
  profile: ["ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE", "ALICLOUD_PROFILE"],
  profileFile: ["ALICLOUD_SHARED_CREDENTIALS_FILE"],
  /** The SDKs' INI file, or (Terraform's reading) the CLI's JSON file: its content decides (iniProfile.ts). */
  credentialsFile: ["ALIBABA_CLOUD_CREDENTIALS_FILE"],
  credentialsUri: ["ALIBABA_CLOUD_CREDENTIALS_URI", "ALICLOUD_CREDENTIALS_URI"],
  ecsRoleName: ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"],
  stsEndpoint: ["ALIBABA_CLOUD_STS_ENDPOINT"],
  stsRegion: ["ALIBABA_CLOUD_STS_REGION"],
  assumeRoleArn: ["ALICLOUD_ASSUME_ROLE_ARN"],
  assumeRoleSessionName: ["ALICLOUD_ASSUME_ROLE_SESSION_NAME"],
  assumeRoleDuration: ["ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"],
  assumeRoleExternalId: ["ALICLOUD_ASSUME_ROLE_EXTERNAL_ID"],
} as const;

/** The home folder the environment given names (the process's own by default), where both credential files live. */
export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** The first of several equivalent environment variables that is set and not empty. */
export function firstEnv(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

/** The name of the first variable of the list that is set (for messages), or the list. */
export function envName(env: NodeJS.ProcessEnv, names: readonly string[]): string {
  return names.find((n) => env[n]) ?? names.join(" / ");
}

/** `true`, case-insensitive, as the SDKs read switches. */
export function envTrue(env: NodeJS.ProcessEnv, name: string): boolean {
  return (env[name] ?? "").toLowerCase() === "true";
}
