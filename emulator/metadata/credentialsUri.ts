import type { IncomingMessage, ServerResponse } from "node:http";
import type { StsModels } from "../sts/models";

/** A credentials URI (a sidecar or agent handing out STS keys), as ALIBABA_CLOUD_CREDENTIALS_URI points at. */
export interface CredentialsUriOptions {
  /** Session life in seconds. Default 3600 (capped by the STS option sessionSeconds). */
  readonly sessionSeconds?: number;
  /** Answer every request with this status and `Code` instead (a sidecar that has nothing to hand out). */
  readonly refuse?: { readonly status: number; readonly code: string };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** `GET /credentials` answers `{Code: "Success", AccessKeyId, AccessKeySecret, SecurityToken, Expiration}`, keys issued by STS. */
export function credentialsUriHandler(options: CredentialsUriOptions, sts: StsModels) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || path !== "/credentials") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ Code: "NotFound", Message: "GET /credentials" }));
      return;
    }
    if (options.refuse) {
      res.writeHead(options.refuse.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ Code: options.refuse.code, Message: "no credentials to hand out" }));
      return;
    }
    const key = sts.issue(options.sessionSeconds ?? 3600);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        Code: "Success",
        AccessKeyId: key.id,
        AccessKeySecret: key.secret,
        SecurityToken: key.securityToken,
        Expiration: iso(key.expiresAt),
      }),
    );
  };
}
