import { CredentialsError } from "../errors";
import { isLoopbackHost } from "../rpc/endpoints";
import { exchange, jsonObject, passing, readKeyFields } from "./http";
import { SessionCache } from "./session";
import type { CredentialSource } from "./types";

/**
 * The URL of a credentials URI. Its answer is a set of keys, so plain http is
 * allowed only on loopback (where a sidecar or agent listens), as for the STS
 * and DirectMail endpoints: anywhere else the keys would cross a network in the clear.
 */
export function parseCredentialsUri(text: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CredentialsError(source, `credentials URI ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new CredentialsError(source, "the credentials URI must be an http or https URL");
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname))
    throw new CredentialsError(
      source,
      `the credentials URI ${url.origin} uses plain http; its answer carries keys, so use https (http is allowed only on loopback)`,
    );
  return url;
}

/**
 * A local sidecar or agent that hands out STS keys: GET answers
 * `{Code: "Success", AccessKeyId, AccessKeySecret, SecurityToken, Expiration}`.
 * Asked again before the keys expire.
 */
export function credentialsUriSource(uri: URL, name: string): CredentialSource {
  // Its query may hold a secret of the sidecar's, so messages show the origin and path only.
  const shown = `${uri.origin}${uri.pathname}`;
  return new SessionCache(name, `uri:${shown}`, async () => {
    const answer = await exchange({ method: "GET", url: uri, source: name, secrets: [uri.search.slice(1), uri.password] });
    const body = jsonObject(answer.body);
    if (answer.status !== 200 || !body || body.Code !== "Success") {
      const code = typeof body?.Code === "string" ? body.Code : undefined;
      throw new CredentialsError(
        name,
        `${shown} answered HTTP ${answer.status}${code ? ` with Code ${code}` : ""}${body ? "" : " without a JSON object"}; it must answer 200 with Code "Success"`,
        code,
        passing(answer.status, code),
      );
    }
    return { ...readKeyFields(body, name, shown), source: name };
  });
}
