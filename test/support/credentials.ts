import { generateKeyPairSync, sign } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmulatorOptions } from "../../emulator";

/** The account and roles the credential tests use. */
export const ACCOUNT = "123456789012";
export const ROLE_ARN = `acs:ram::${ACCOUNT}:role/mail-admin`;
export const SECOND_ROLE_ARN = `acs:ram::${ACCOUNT}:role/mail-deployer`;
export const OIDC_PROVIDER_ARN = `acs:ram::${ACCOUNT}:oidc-provider/github`;
/** Roles in two other accounts, for a stack that reaches several. */
export const PROD_ROLE_ARN = "acs:ram::111111111111:role/mail-admin";
export const STAGING_ROLE_ARN = "acs:ram::222222222222:role/mail-admin";
export const ISSUER = "https://token.actions.githubusercontent.com";

/** An issuer's signing key pair (RS256), as GitHub's or an ACK cluster's. */
export const issuerKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

/** A signed OIDC token, as a CI runner's or Kubernetes' projected token file holds it. */
export function oidcToken(claims: Partial<{ iss: string; aud: string | string[]; sub: string; exp: number; alg: string }> = {}): string {
  const header = Buffer.from(JSON.stringify({ alg: claims.alg ?? "RS256", typ: "JWT" })).toString("base64url");
  const payload = Buffer.from(
    JSON.stringify({
      iss: claims.iss ?? ISSUER,
      aud: claims.aud ?? "sts.aliyuncs.com",
      sub: claims.sub ?? "repo:example/mail:ref:refs/heads/main",
      iat: Math.floor(Date.now() / 1000),
      exp: claims.exp ?? Math.floor(Date.now() / 1000) + 600,
    }),
  ).toString("base64url");
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), issuerKeys.privateKey).toString("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The emulator options that turn on every credential service, with the test roles and the OIDC provider. */
export function credentialServices(extra: { sessionSeconds?: number; roleName?: string | null } = {}): EmulatorOptions {
  return {
    // The emulator's own account is the test roles' account, so their sessions act on the same state.
    accountId: ACCOUNT,
    sts: {
      roles: [
        { arn: PROD_ROLE_ARN },
        { arn: STAGING_ROLE_ARN },
        { arn: ROLE_ARN, maxSessionDuration: 43_200 },
        { arn: SECOND_ROLE_ARN, maxSessionDuration: 3600 },
        { arn: `acs:ram::${ACCOUNT}:role/trusting-deployer`, trustedKeyIds: ["deployer"] },
        { arn: `acs:ram::${ACCOUNT}:role/external`, externalId: "partner-7" },
      ],
      oidcProviders: [
        { arn: OIDC_PROVIDER_ARN, issuer: ISSUER, publicKey: issuerKeys.publicKey.export({ type: "spki", format: "pem" }).toString() },
      ],
      sessionSeconds: extra.sessionSeconds,
    },
    ecsMetadata: {
      roleName: extra.roleName === null ? undefined : (extra.roleName ?? "runner-role"),
      sessionSeconds: extra.sessionSeconds,
    },
    credentialsUri: { sessionSeconds: extra.sessionSeconds },
  };
}

/** Writes an Alibaba CLI config file with these profiles. */
export function writeProfiles(dir: string, current: string, profiles: readonly Record<string, unknown>[], file = "config.json"): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify({ current, profiles }, null, 2));
  return path;
}
