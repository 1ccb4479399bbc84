import { CredentialsError } from "../errors";
import type { RoleSettings } from "./types";

/** acs:ram::<account id>:role/<role name>; RAM role names are 1-64 of letters, digits, `.`, `-`, `_`. */
const ROLE_ARN = /^acs:ram::(\d{1,32}):role\/([A-Za-z0-9._-]{1,64})$/i;
/** STS: 2-64 characters of letters, digits and `.@_-`. */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
/** STS: 2-1224 characters of word characters and `+=,.@:/-`. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const OIDC_PROVIDER_ARN = /^acs:ram::(\d{1,32}):oidc-provider\/[A-Za-z0-9._-]{1,128}$/i;

/** STS's documented bounds; the upper one is a role's largest MaxSessionDuration. */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;
export const DEFAULT_DURATION_SECONDS = 3_600;
export const DEFAULT_SESSION_NAME = "pulumi-directmail";

/** The account a role ARN belongs to. */
export function accountOfRoleArn(roleArn: string): string {
  return ROLE_ARN.exec(roleArn)?.[1] ?? roleArn;
}

/**
 * Refuses a role request STS would refuse, before anything is sent, naming
 * the setting and the rule (`where` says where the settings were read).
 */
export function checkRole(role: RoleSettings, where: string): void {
  if (!ROLE_ARN.test(role.roleArn)) {
    throw new CredentialsError(
      where,
      `roleArn ${JSON.stringify(role.roleArn)} is not a RAM role ARN: it must read acs:ram::<account id>:role/<role name>`,
    );
  }
  if (role.sessionName !== undefined && !SESSION_NAME.test(role.sessionName)) {
    throw new CredentialsError(where, `sessionName must be 2 to 64 letters, digits or . @ _ - (got ${role.sessionName.length} characters)`);
  }
  if (role.externalId !== undefined && !EXTERNAL_ID.test(role.externalId)) {
    throw new CredentialsError(where, "externalId must be 2 to 1224 letters, digits or + = , . @ : / - _");
  }
  if (role.policy !== undefined && (role.policy.length < 1 || role.policy.length > 2048)) {
    throw new CredentialsError(where, `policy must be 1 to 2048 characters (got ${role.policy.length})`);
  }
  const d = role.durationSeconds;
  if (d !== undefined && !(Number.isInteger(d) && d >= MIN_DURATION_SECONDS && d <= MAX_DURATION_SECONDS)) {
    throw new CredentialsError(
      where,
      `durationSeconds must be a whole number from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS} (got ${String(d)})`,
    );
  }
}

export function checkOidcProviderArn(arn: string, where: string): void {
  if (!OIDC_PROVIDER_ARN.test(arn)) {
    throw new CredentialsError(
      where,
      `OIDC provider ARN ${JSON.stringify(arn)} must read acs:ram::<account id>:oidc-provider/<provider name>`,
    );
  }
}
