import { accountOfRoleArn, checkRole } from "./roleRules";
import { SessionCache } from "./session";
import { assumeRole } from "./stsClient";
import type { CredentialSource, RoleSettings } from "./types";

/**
 * A role assumed with the keys of another source (any of them: a chained
 * profile, an ECS role, an OIDC session). The base's current key signs each
 * AssumeRole, so a base that rotates is asked again at every refresh.
 */
export function assumeRoleSource(base: CredentialSource, role: RoleSettings, stsEndpoint: URL, name: string): CredentialSource {
  checkRole(role, name);
  const full = `${name} (role ${role.roleArn}, signed with ${base.name})`;
  return new SessionCache(full, accountOfRoleArn(role.roleArn), async () => assumeRole(stsEndpoint, await base.get(), role, full));
}
