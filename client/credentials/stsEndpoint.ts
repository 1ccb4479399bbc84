import { CredentialsError } from "../errors";
import { isLoopbackHost } from "../rpc/endpoints";

/** The public endpoint STS clients use when told nothing else. */
export const DEFAULT_STS_HOST = "sts.aliyuncs.com";

/**
 * Where STS is: an explicit endpoint (a URL, or a bare host meaning https),
 * else `sts.<region>.aliyuncs.com` for an STS region, else sts.aliyuncs.com.
 * Plain HTTP only on loopback, as for the DirectMail endpoint: the requests
 * carry keys and their answers carry new ones.
 */
export function resolveStsEndpoint(explicit: string | undefined, stsRegion: string | undefined, where: string): URL {
  if (!explicit) return new URL(`https://${stsRegion ? `sts.${stsRegion}.aliyuncs.com` : DEFAULT_STS_HOST}/`);
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(explicit) ? explicit : `https://${explicit.replace(/\/+$/, "")}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CredentialsError(where, `STS endpoint ${JSON.stringify(explicit)} is not a URL or host name`);
  }
  if (url.username || url.password) throw new CredentialsError(where, "the STS endpoint must not carry a user name or password");
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new CredentialsError(where, `STS endpoint ${url.origin} uses plain http; use https (http is allowed only on loopback)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CredentialsError(where, `STS endpoint ${JSON.stringify(explicit)} must be an https URL or a host name`);
  }
  return url;
}
