import { defineActions } from "../gateway/actions";
import type { Params } from "../gateway/params";
import type { AccessKey } from "../gateway/auth";
import { Errors } from "../exceptions";
import type { StsModels } from "./models";

export interface StsContext {
  readonly models: StsModels;
  readonly params: Params;
  readonly caller?: AccessKey;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function credentialsBody(key: { id: string; secret: string; securityToken: string; expiresAt: number }) {
  return { AccessKeyId: key.id, AccessKeySecret: key.secret, SecurityToken: key.securityToken, Expiration: iso(key.expiresAt) };
}

function duration(params: Params): number | undefined {
  const raw = params.optional("DurationSeconds");
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,6}$/.test(raw)) throw Errors.invalidParameter("DurationSeconds");
  return Number(raw);
}

/** STS's two actions that hand out sessions, as the clients (SDKs, CLI, Terraform) call them. */
export const STS_ACTIONS = defineActions<StsContext>({
  AssumeRole: {
    mutates: false,
    handler: ({ models, params, caller }) => {
      if (!caller) throw Errors.missingParameter("AccessKeyId");
      const sessionName = params.required("RoleSessionName");
      const { role, key } = models.assumeRole(caller, {
        roleArn: params.required("RoleArn"),
        sessionName,
        duration: duration(params),
        policy: params.optional("Policy"),
        externalId: params.optional("ExternalId"),
      });
      const account = /^acs:ram::(\d+):/.exec(role.arn)?.[1] ?? "";
      return {
        AssumedRoleUser: { Arn: `${role.arn}/${sessionName}`, AssumedRoleId: `${account}:${sessionName}` },
        Credentials: credentialsBody(key),
      };
    },
  },
  AssumeRoleWithOIDC: {
    mutates: false,
    anonymous: true,
    handler: ({ models, params }) => {
      const sessionName = params.required("RoleSessionName");
      const { role, claims, key } = models.assumeRoleWithOidc({
        providerArn: params.required("OIDCProviderArn"),
        token: params.required("OIDCToken"),
        roleArn: params.required("RoleArn"),
        sessionName,
        duration: duration(params),
        policy: params.optional("Policy"),
      });
      return {
        AssumedRoleUser: { Arn: `${role.arn}/${sessionName}`, AssumedRoleId: `${sessionName}` },
        Credentials: credentialsBody(key),
        OIDCTokenInfo: {
          Issuer: claims.iss,
          Subject: claims.sub,
          ClientIds: Array.isArray(claims.aud) ? claims.aud.join(",") : claims.aud,
          ExpirationTime: iso(claims.exp * 1000),
          VerificationInfo: "Success",
        },
      };
    },
  },
});
