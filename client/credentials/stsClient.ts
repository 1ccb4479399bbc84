import { randomUUID } from "node:crypto";
import { CredentialsError } from "../errors";
import { redactSecrets } from "../rpc/redact";
import { signRpcRequest } from "../rpc/signer";
import { exchange, jsonObject, passing, readKeyFields } from "./http";
import { DEFAULT_DURATION_SECONDS, DEFAULT_SESSION_NAME } from "./roleRules";
import type { Credentials, RoleSettings } from "./types";

/** STS's API version (2015-04-01). */
export const STS_VERSION = "2015-04-01";

const timestamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** Where the role parameters go, as STS names them. */
function roleParams(role: RoleSettings): Record<string, string> {
  const params: Record<string, string> = {
    RoleArn: role.roleArn,
    RoleSessionName: role.sessionName ?? DEFAULT_SESSION_NAME,
    DurationSeconds: String(role.durationSeconds ?? DEFAULT_DURATION_SECONDS),
  };
  if (role.policy !== undefined) params.Policy = role.policy;
  if (role.externalId !== undefined) params.ExternalId = role.externalId;
  return params;
}

/** The new session from STS's answer, or the refusal as an error naming the source and STS's code. */
async function send(
  endpoint: URL,
  action: string,
  form: Record<string, string>,
  source: string,
  secrets: ReadonlyArray<string | undefined>,
): Promise<Credentials> {
  const answer = await exchange({ method: "POST", url: endpoint, form, source, secrets });
  const body = jsonObject(answer.body);
  if (answer.status < 200 || answer.status >= 300 || !body) {
    const code = typeof body?.Code === "string" && body.Code ? body.Code : `HTTP${answer.status}`;
    const message = typeof body?.Message === "string" ? body.Message : answer.body.slice(0, 200);
    const requestId = typeof body?.RequestId === "string" ? `, RequestId ${body.RequestId}` : "";
    throw new CredentialsError(
      source,
      `STS ${action} at ${endpoint.origin} refused: ${redactSecrets(message, secrets)} [${code}, HTTP ${answer.status}${requestId}]`,
      code,
      passing(answer.status, code),
    );
  }
  const fields = body.Credentials;
  const keys = readKeyFields(
    fields && typeof fields === "object" && !Array.isArray(fields) ? (fields as Record<string, unknown>) : undefined,
    source,
    `STS ${action}`,
  );
  return { ...keys, source };
}

/** AssumeRole, signed with the caller's key (an STS key too: role chaining sends its token). */
export function assumeRole(endpoint: URL, caller: Credentials, role: RoleSettings, source: string): Promise<Credentials> {
  const form: Record<string, string> = {
    ...roleParams(role),
    Action: "AssumeRole",
    Version: STS_VERSION,
    Format: "JSON",
    AccessKeyId: caller.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: timestamp(),
  };
  if (caller.securityToken) form.SecurityToken = caller.securityToken;
  form.Signature = signRpcRequest("POST", form, caller.accessKeySecret);
  return send(endpoint, "AssumeRole", form, source, [caller.accessKeySecret, caller.securityToken]);
}

/** AssumeRoleWithOIDC: anonymous, the OIDC token is the proof; nothing is signed. */
export function assumeRoleWithOidc(
  endpoint: URL,
  oidc: { readonly providerArn: string; readonly token: string },
  role: RoleSettings,
  source: string,
): Promise<Credentials> {
  const form: Record<string, string> = {
    ...roleParams(role),
    Action: "AssumeRoleWithOIDC",
    Version: STS_VERSION,
    Format: "JSON",
    Timestamp: timestamp(),
    OIDCProviderArn: oidc.providerArn,
    OIDCToken: oidc.token,
  };
  delete form.ExternalId;
  return send(endpoint, "AssumeRoleWithOIDC", form, source, [oidc.token]);
}
