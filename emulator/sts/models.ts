import { createPublicKey, randomBytes, verify as verifySignature } from "node:crypto";
import { Errors } from "../exceptions";
import type { AccessKey } from "../gateway/auth";

/** A RAM role STS will issue sessions of. */
export interface StsRole {
  /** acs:ram::<account id>:role/<name> */
  readonly arn: string;
  /** The role's MaxSessionDuration (3600-43200). Default 3600. */
  readonly maxSessionDuration?: number;
  /** When set, AssumeRole must carry this ExternalId (a role trusted by another account). */
  readonly externalId?: string;
  /** Keys allowed to assume it (the trust policy in miniature). Default: every key. */
  readonly trustedKeyIds?: readonly string[];
}

/** An OIDC identity provider registered in RAM. */
export interface OidcProvider {
  /** acs:ram::<account id>:oidc-provider/<name> */
  readonly arn: string;
  /** The `iss` tokens must carry. */
  readonly issuer: string;
  /** The PEM public key (RS256) that signs its tokens. */
  readonly publicKey: string;
  /** An `aud` the token must carry. Default sts.aliyuncs.com, what GitHub Actions and ACK RRSA ask for. */
  readonly audience?: string;
}

export interface StsOptions {
  readonly roles?: readonly StsRole[];
  readonly oidcProviders?: readonly OidcProvider[];
  /**
   * Caps every session's life at this many seconds, whatever was asked (a
   * test's short session: the client still asks for the documented 900 or
   * more, and must go by the Expiration it is given).
   */
  readonly sessionSeconds?: number;
}

const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9._-]{1,64}$/i;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

/** STS's state: the roles, the OIDC providers, and the session keys it issued into the gateway's key table. */
export class StsModels {
  /** Every session key issued, oldest first (tests scan state and logs for them). */
  readonly issued: AccessKey[] = [];

  constructor(
    private readonly options: StsOptions,
    private readonly keys: Map<string, AccessKey>,
    private readonly now: () => Date,
  ) {}

  /** A new session key, accepted by every service behind the gateway until it expires. */
  issue(durationSeconds: number, roleArn?: string): AccessKey & { expiresAt: number; securityToken: string } {
    const life = Math.min(durationSeconds, this.options.sessionSeconds ?? Number.POSITIVE_INFINITY);
    const key = {
      id: `STS.${randomBytes(12).toString("hex")}`,
      secret: randomBytes(20).toString("base64url"),
      securityToken: `CAIS${randomBytes(48).toString("base64url")}`,
      // Whole seconds: the Expiration STS writes has none, and the key must stop when the answer says.
      expiresAt: Math.floor((this.now().getTime() + life * 1000) / 1000) * 1000,
      roleArn,
      // A role's session acts in the role's account.
      accountId: roleArn ? /^acs:ram::(\d+):/.exec(roleArn)?.[1] : undefined,
    };
    this.keys.set(key.id, key);
    this.issued.push(key);
    return key;
  }

  private role(arn: string | undefined): StsRole {
    if (!arn || !ROLE_ARN.test(arn)) throw Errors.stsInvalidRoleArn();
    const role = this.options.roles?.find((r) => r.arn.toLowerCase() === arn.toLowerCase());
    if (!role) throw Errors.stsRoleNotFound(arn);
    return role;
  }

  /** The checks AssumeRole and AssumeRoleWithOIDC share; the session's duration. */
  private checkSession(role: StsRole, sessionName: string, duration: number | undefined, policy: string | undefined): number {
    if (!SESSION_NAME.test(sessionName)) throw Errors.stsSessionName();
    const max = role.maxSessionDuration ?? 3600;
    const d = duration ?? 3600;
    if (d < 900 || d > max) throw Errors.stsDuration(max);
    if (policy !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(policy);
      } catch {
        throw Errors.stsPolicy();
      }
      if (policy.length > 2048 || !parsed || typeof parsed !== "object" || !("Statement" in parsed)) throw Errors.stsPolicy();
    }
    return d;
  }

  assumeRole(caller: AccessKey, args: { roleArn?: string; sessionName: string; duration?: number; policy?: string; externalId?: string }) {
    const role = this.role(args.roleArn);
    const duration = this.checkSession(role, args.sessionName, args.duration, args.policy);
    if (role.trustedKeyIds && !role.trustedKeyIds.includes(caller.id)) throw Errors.stsNoPermission();
    if (role.externalId !== undefined && args.externalId !== role.externalId) throw Errors.stsExternalId();
    return { role, key: this.issue(duration, role.arn) };
  }

  assumeRoleWithOidc(args: {
    providerArn: string;
    token: string;
    roleArn?: string;
    sessionName: string;
    duration?: number;
    policy?: string;
  }) {
    const provider = this.options.oidcProviders?.find((p) => p.arn.toLowerCase() === args.providerArn.toLowerCase());
    if (!provider) throw Errors.oidcNoProvider();
    const claims = verifyJwt(args.token, provider, this.now().getTime());
    const role = this.role(args.roleArn);
    const duration = this.checkSession(role, args.sessionName, args.duration, args.policy);
    return { role, claims, key: this.issue(duration, role.arn) };
  }
}

export interface JwtClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | string[];
  readonly exp: number;
  readonly iat?: number;
}

function decodePart(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw Errors.oidcInvalid("a part is not base64url JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw Errors.oidcInvalid("a part is not a JSON object");
  return value as Record<string, unknown>;
}

/** An RS256 JWT checked against the provider: form, algorithm, signature, issuer, expiry, audience. */
export function verifyJwt(token: string, provider: OidcProvider, nowMs: number): JwtClaims {
  const parts = token.split(".");
  if (token.length < 4 || token.length > 20_000 || parts.length !== 3) throw Errors.oidcInvalid("not a JWT of three parts");
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (header.alg !== "RS256") throw Errors.oidcInvalid(`unsupported algorithm ${String(header.alg)}`);
  const signed = verifySignature(
    "RSA-SHA256",
    Buffer.from(`${parts[0]}.${parts[1]}`),
    createPublicKey(provider.publicKey),
    Buffer.from(parts[2], "base64url"),
  );
  if (!signed) throw Errors.oidcSignature();
  if (payload.iss !== provider.issuer) throw Errors.oidcInvalid("the issuer is not the provider's");
  if (typeof payload.exp !== "number" || payload.exp * 1000 <= nowMs) throw Errors.oidcExpired();
  const audience = provider.audience ?? "sts.aliyuncs.com";
  const aud = payload.aud;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) throw Errors.oidcAudience();
  return payload as unknown as JwtClaims;
}
