export * from "./client";
export * from "./credentials";
export * from "./endpoints";
export * from "./errors";
export { redactSecrets } from "./redact";
export * from "./retry";
export { canonicalQueryString, percentEncode, signRpcRequest, stringToSign } from "./signer";
export * from "./types";
