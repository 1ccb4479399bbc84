import { readFileSync } from "node:fs";
import { CredentialsError } from "../errors";
import { accountOfRoleArn, checkOidcProviderArn, checkRole } from "./roleRules";
import { SessionCache } from "./session";
import { assumeRoleWithOidc } from "./stsClient";
import type { CredentialSource, RoleSettings } from "./types";

export interface OidcSettings extends RoleSettings {
  readonly providerArn: string;
  /** Re-read at every refresh: Kubernetes (ACK RRSA) and CI runners rotate it. */
  readonly tokenFile: string;
  readonly stsEndpoint: URL;
}

/** Reads the token file, trimmed (a trailing newline is no part of a JWT). */
function readToken(path: string, source: string): string {
  let token: string;
  try {
    token = readFileSync(path, "utf8").trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CredentialsError(
      source,
      `the OIDC token file ${path} cannot be read (${code === "ENOENT" ? "no such file" : (code ?? "unreadable")})`,
    );
  }
  if (token.length < 4 || token.length > 20_000) {
    throw new CredentialsError(source, `the OIDC token file ${path} holds ${token.length} characters; STS takes a token of 4 to 20000`);
  }
  return token;
}

/** An OIDC token exchanged for a role session (GitHub Actions, ACK RRSA), refreshed before it expires. */
export function oidcSource(settings: OidcSettings, name: string): CredentialSource {
  checkRole(settings, name);
  checkOidcProviderArn(settings.providerArn, name);
  return new SessionCache(name, accountOfRoleArn(settings.roleArn), () =>
    assumeRoleWithOidc(
      settings.stsEndpoint,
      { providerArn: settings.providerArn, token: readToken(settings.tokenFile, name) },
      settings,
      name,
    ),
  );
}
