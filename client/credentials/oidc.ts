import { closeSync, openSync, readSync } from "node:fs";
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

/** STS takes a token of at most this many characters. */
const MAX_TOKEN_CHARS = 20_000;

/**
 * Reads the token file, trimmed (a trailing newline is no part of a JWT), to
 * a little past the longest token STS takes: a file named by mistake (a log,
 * /dev/zero) is refused by its size, not read whole into memory.
 */
function readToken(path: string, source: string): string {
  let token: string;
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(MAX_TOKEN_CHARS + 1024);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    token = buffer.subarray(0, length).toString("utf8").trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CredentialsError(
      source,
      `the OIDC token file ${path} cannot be read (${code === "ENOENT" ? "no such file" : (code ?? "unreadable")})`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (token.length < 4 || token.length > MAX_TOKEN_CHARS) {
    const size = token.length > MAX_TOKEN_CHARS ? `more than ${MAX_TOKEN_CHARS}` : String(token.length);
    throw new CredentialsError(
      source,
      `the OIDC token file ${path} holds ${size} characters; STS takes a token of 4 to ${MAX_TOKEN_CHARS}`,
    );
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
