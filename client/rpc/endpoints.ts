import { isIP } from "node:net";
import { Region, REGIONS } from "../apiFacts";
import { EndpointError } from "../errors";

export { REGIONS } from "../apiFacts";
export type { Region } from "../apiFacts";

/**
 * Public DirectMail endpoints per region (api-dm-2015-11-23-endpoint). The
 * official SDKs resolve every region to dm.aliyuncs.com unless told
 * otherwise, which silently talks to Hangzhou; this table avoids that.
 */
export const REGION_HOSTS = {
  "cn-hangzhou": "dm.aliyuncs.com",
  "ap-southeast-1": "dm.ap-southeast-1.aliyuncs.com",
  "ap-southeast-2": "dm.ap-southeast-2.aliyuncs.com",
  "us-east-1": "dm.us-east-1.aliyuncs.com",
  "eu-central-1": "dm.eu-central-1.aliyuncs.com",
} as const satisfies Record<Region, string>;

export const DEFAULT_REGION: Region = "cn-hangzhou";

/**
 * SMTP hosts per region, for programs that hand the address to a mail sender.
 * UNCONFIRMED: taken from Alibaba's SMTP guide as remembered, not from a source
 * checked for this project; override per address if your console shows another.
 */
export const SMTP_HOSTS: Readonly<Record<Region, string>> = {
  "cn-hangzhou": "smtpdm.aliyun.com",
  "ap-southeast-1": "smtpdm-ap-southeast-1.aliyun.com",
  "ap-southeast-2": "smtpdm-ap-southeast-2.aliyun.com",
  "us-east-1": "smtpdm-us-east-1.aliyun.com",
  "eu-central-1": "smtpdm-eu-central-1.aliyun.com",
};

export function isRegion(value: string): value is Region {
  return Object.prototype.hasOwnProperty.call(REGION_HOSTS, value);
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host === "::1") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

/** An endpoint as messages may show it: credentials in it (`user:pass@`) are never repeated. */
export function shownEndpoint(endpoint: string): string {
  return endpoint.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/?#]*@/i, (_, scheme: string | undefined) => `${scheme ?? ""}***@`);
}

/**
 * The URL to send requests to: an explicit endpoint (a URL or a bare host)
 * wins over the region table. Plain HTTP is refused except on loopback,
 * because every request carries credentials and may carry a password.
 */
export function resolveEndpoint(region: string, override?: string): URL {
  if (!override) {
    if (!isRegion(region)) {
      throw new EndpointError(
        `region "${region}" has no known DirectMail endpoint; use one of ${REGIONS.join(", ")} or set an explicit endpoint`,
      );
    }
    return new URL(`https://${REGION_HOSTS[region]}/`);
  }
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(override) ? override : `https://${override}`);
  } catch {
    throw new EndpointError(`endpoint "${shownEndpoint(override)}" is not a valid URL or host name`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new EndpointError(`endpoint "${shownEndpoint(override)}" must use https`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new EndpointError(
      `endpoint "${shownEndpoint(override)}" uses plain http; DirectMail requests carry credentials, so https is required except on loopback addresses`,
    );
  }
  return url;
}
