import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { StsModels } from "../sts/models";

/** The ECS instance metadata service, as far as RAM role credentials go. */
export interface EcsMetadataOptions {
  /** The RAM role attached to the instance; none: the role list is empty (404), as on an instance without one. */
  readonly roleName?: string;
  /** Security-hardening mode only ("IMDSv2 required"): GETs without a token are refused. Default true. */
  readonly hardened?: boolean;
  /** The role's session life in seconds. Default 6 hours. */
  readonly sessionSeconds?: number;
}

const ROLE_PATH = "/latest/meta-data/ram/security-credentials/";

/**
 * Live tokens kept at most: anyone who reaches the port may ask for tokens, so
 * expired ones are dropped and, past this many, the oldest are forgotten early
 * (its holder asks for a new one, as a client does at every refresh).
 */
const MAX_METADATA_TOKENS = 1024;
/** The role name in the path; undefined for a malformed escape, which would otherwise throw in the handler and end the process. */
function decodedRole(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Handles the metadata paths a credential client uses: `PUT /latest/api/token`
 * (TTL 1..21600 s in X-aliyun-ecs-metadata-token-ttl-seconds), the role list,
 * and the role's keys, issued by STS (so DirectMail accepts them). The status
 * codes for a bad or missing token are UNCONFIRMED; these are AWS's (400, 401).
 */
export function ecsMetadataHandler(options: EcsMetadataOptions, sts: StsModels, now: () => Date) {
  const tokens = new Map<string, number>();
  const hardened = options.hardened ?? true;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const send = (status: number, body: string, type = "text/plain") => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "PUT" && path === "/latest/api/token") {
      const ttl = Number(req.headers["x-aliyun-ecs-metadata-token-ttl-seconds"]);
      if (!(Number.isInteger(ttl) && ttl >= 1 && ttl <= 21_600)) return send(400, "invalid ttl-seconds");
      const at = now().getTime();
      for (const [t, until] of tokens) if (until <= at) tokens.delete(t);
      // A Map keeps insertion order: the first is the oldest.
      while (tokens.size >= MAX_METADATA_TOKENS) tokens.delete(tokens.keys().next().value as string);
      const token = randomBytes(24).toString("base64url");
      tokens.set(token, at + ttl * 1000);
      return send(200, token);
    }
    if (req.method !== "GET") return send(405, "method not allowed");
    const token = req.headers["x-aliyun-ecs-metadata-token"];
    if (typeof token === "string") {
      const until = tokens.get(token);
      if (until === undefined || until <= now().getTime()) return send(401, "invalid or expired token");
    } else if (hardened) {
      return send(401, "token required: the instance is in security-hardening mode");
    }
    if (path === ROLE_PATH) return options.roleName ? send(200, options.roleName) : send(404, "not found");
    if (path.startsWith(ROLE_PATH)) {
      const role = decodedRole(path.slice(ROLE_PATH.length));
      if (!options.roleName || role !== options.roleName) return send(404, "not found");
      const key = sts.issue(options.sessionSeconds ?? 21_600);
      return send(
        200,
        JSON.stringify({
          AccessKeyId: key.id,
          AccessKeySecret: key.secret,
          SecurityToken: key.securityToken,
          Expiration: iso(key.expiresAt),
          LastUpdated: iso(now().getTime()),
          Code: "Success",
        }),
        "application/json",
      );
    }
    return send(404, "not found");
  };
}
