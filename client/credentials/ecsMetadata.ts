import { CredentialsError } from "../errors";
import { exchange, jsonObject, passing, readKeyFields } from "./http";
import { SessionCache } from "./session";
import type { CredentialSource } from "./types";

/** The ECS instance metadata service; only ever asked when a role name is configured. */
export const ECS_METADATA_ENDPOINT = "http://100.100.100.200";

const ROLE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Token life asked for: a token per refresh, so a short one. */
const TOKEN_TTL_SECONDS = "300";

/**
 * The keys of the instance's RAM role, in the hardened mode (IMDSv2): a
 * token from `PUT /latest/api/token`, then the role's keys with it. A role
 * name is required: this source is only built when one is configured, so no
 * machine that did not ask for it sends anything to the metadata address.
 */
export function ecsRoleSource(roleName: string | undefined, name: string, endpoint: string = ECS_METADATA_ENDPOINT): CredentialSource {
  if (roleName !== undefined && !ROLE_NAME.test(roleName)) {
    throw new CredentialsError(name, `ECS role name ${JSON.stringify(roleName)} must be 1 to 64 letters, digits or . _ -`);
  }
  const base = endpoint.replace(/\/+$/, "");
  const token = async (): Promise<string> => {
    const answer = await exchange({
      method: "PUT",
      url: new URL(`${base}/latest/api/token`),
      headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": TOKEN_TTL_SECONDS },
      source: name,
    });
    if (answer.status !== 200 || !answer.body.trim()) {
      throw new CredentialsError(
        name,
        `the metadata service at ${base} gave no token (PUT /latest/api/token answered HTTP ${answer.status})`,
        `HTTP${answer.status}`,
      );
    }
    return answer.body.trim();
  };
  /** The instance's one role, when the profile names none (mode EcsRamRole without ram_role_name). */
  const attachedRole = async (): Promise<string> => {
    const t = await token();
    const answer = await exchange({
      method: "GET",
      url: new URL(`${base}/latest/meta-data/ram/security-credentials/`),
      headers: { "x-aliyun-ecs-metadata-token": t },
      source: name,
      secrets: [t],
    });
    const role = answer.body.trim().split("\n")[0]?.trim() ?? "";
    if (answer.status !== 200 || !ROLE_NAME.test(role)) {
      throw new CredentialsError(
        name,
        `the metadata service at ${base} lists no RAM role for this instance (HTTP ${answer.status}); attach one to the instance`,
        `HTTP${answer.status}`,
      );
    }
    return role;
  };
  let discovered: string | undefined;
  return new SessionCache(name, `ecs-role:${roleName ?? "attached"}`, async () => {
    const role = roleName ?? (discovered ??= await attachedRole());
    const t = await token();
    const answer = await exchange({
      method: "GET",
      url: new URL(`${base}/latest/meta-data/ram/security-credentials/${encodeURIComponent(role)}`),
      headers: { "x-aliyun-ecs-metadata-token": t },
      source: name,
      secrets: [t],
    });
    if (answer.status === 404) {
      throw new CredentialsError(
        name,
        `the metadata service at ${base} has no RAM role ${role} for this instance (HTTP 404); attach the role to the instance or fix the role name`,
        "HTTP404",
      );
    }
    const body = jsonObject(answer.body);
    if (answer.status !== 200 || !body || body.Code !== "Success") {
      const code = typeof body?.Code === "string" ? body.Code : `HTTP${answer.status}`;
      throw new CredentialsError(
        name,
        `the metadata service at ${base} refused the role's keys [${code}, HTTP ${answer.status}]`,
        code,
        passing(answer.status, code),
      );
    }
    return { ...readKeyFields(body, name, "the metadata service"), source: name };
  });
}
