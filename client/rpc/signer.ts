import { createHmac } from "node:crypto";

/**
 * Alibaba's RFC 3986 percent-encoding for RPC signatures: UTF-8, unreserved
 * characters `A-Z a-z 0-9 - _ . ~` kept, everything else `%XY` with upper-case
 * hex. encodeURIComponent already gets everything right except five
 * characters it leaves alone (`! ' ( ) *`), which Alibaba encodes.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parameters sorted by name, each pair percent-encoded, joined with `&`; `Signature` itself is left out. */
export function canonicalQueryString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== "Signature")
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join("&");
}

export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQueryString(params))}`;
}

/** Signature version 1.0 (HMAC-SHA1); the key is the secret followed by "&". */
export function signRpcRequest(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign(method, params), "utf8").digest("base64");
}
