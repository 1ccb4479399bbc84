import { CodeTable } from "../codeInfo";

/** Codes any action can meet: the account, credentials and signature, the action itself, throttling and the service's health. */
export const GATEWAY_CODES: CodeTable = {
  "Forbidden.RAM": { kind: "auth", hint: () => "the RAM user or role lacks a DirectMail (dm:*) permission" },
  NoPermission: { kind: "auth", hint: () => "the RAM user or role lacks a DirectMail (dm:*) permission" },
  "InvalidAccessKeyId.NotFound": {
    kind: "auth",
    hint: () => "the access key id is unknown to the service; check directmail:accessKeyId or ALIBABA_CLOUD_ACCESS_KEY_ID",
  },
  "InvalidAccessKeyId.Inactive": { kind: "auth", hint: () => "the access key is disabled; enable it or use another" },
  SignatureDoesNotMatch: {
    kind: "auth",
    hint: () =>
      "the request signature was rejected: the access key secret does not belong to the access key id; correct the secret where it came from",
    omitServiceMessage: true,
  },
  IncompleteSignature: { kind: "auth", hint: () => "the request signature was incomplete" },
  SignatureNonceUsed: { kind: "auth", hint: () => "a signature nonce was reused" },
  "InvalidTimeStamp.Expired": {
    kind: "auth",
    hint: () => "the request timestamp is outside the allowed window; check this machine's clock",
  },
  "InvalidSecurityToken.Expired": { kind: "auth", hint: () => "the STS security token has expired; fetch a new one" },
  "InvalidAction.NotFound": {
    kind: "invalid-input",
    hint: (c) => `the service does not offer the action ${c.Action ?? "?"} (DirectMail marks some actions as "not available now")`,
  },
  "InvalidApi.NotFound": {
    kind: "invalid-input",
    hint: (c) => `the service does not offer the action ${c.Action ?? "?"} (DirectMail marks some actions as "not available now")`,
  },
  Throttling: { kind: "throttled", hint: () => "the request was throttled" },
  "Throttling.User": { kind: "throttled", hint: () => "the request was throttled (user flow control)" },
  "Throttling.Api": { kind: "throttled", hint: () => "the request was throttled (API flow control)" },
  ServiceUnavailable: { kind: "unavailable", hint: () => "the service is temporarily unavailable" },
  InternalError: { kind: "server", hint: () => "the service failed with an internal error" },
  // The emulator's own code (its state file); the request was not carried out, and a retry meets the same cause.
  "EmulatorStateFile.Unusable": {
    kind: "local-state",
    hint: () => "the DirectMail emulator could not use its state file, and did not carry out the request",
  },
  "InvalidUser.NotFound": {
    kind: "auth",
    hint: () => "the account has no DirectMail service; activate DirectMail for the account (or ask the main account to)",
  },
};
