import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ApiError, Errors } from "../exceptions";
import { checkNonceLength } from "./limits";

/**
 * Request authentication, written independently of the client's signer on
 * purpose: the two check each other, and the published vectors check both.
 */

export interface AccessKey {
  readonly id: string;
  readonly secret: string;
  /** When set, the key is an STS key and requests must carry this token. */
  readonly securityToken?: string;
  /** A disabled key is refused (InvalidAccessKeyId.Inactive). Default true. */
  readonly active?: boolean;
  /** RAM policy in miniature: when set, other actions are refused with Forbidden.RAM. */
  readonly allowedActions?: readonly string[];
  /** False models an account without DirectMail activated (InvalidUser.NotFound). Default true. */
  readonly directMailActivated?: boolean;
  /** An STS key stops working at this time (ms since the epoch): InvalidSecurityToken.Expired. */
  readonly expiresAt?: number;
  /** The role an STS key is a session of (what STS issued it for). */
  readonly roleArn?: string;
  /**
   * The account the key belongs to (a role's account, for an STS session):
   * DirectMail answers from that account's state. Default: the emulator's own account.
   */
  readonly accountId?: string;
}

/** What a key may do, checked after its signature: a forged request learns nothing about permissions. */
export function authorize(key: AccessKey, action: string): void {
  if (key.directMailActivated === false) throw Errors.userNotFound();
  if (key.allowedActions && !key.allowedActions.includes(action)) throw Errors.forbiddenRam(action);
}

/** RFC 3986 encoding as Alibaba specifies it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function rfc3986(text: string): string {
  try {
    // Native, so a large request costs milliseconds; it leaves !'()* as they are, which the rule escapes.
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  } catch {
    // A lone surrogate (possible from a JSON body): encoded as its UTF-8 replacement, byte by byte.
    let out = "";
    for (const byte of Buffer.from(text, "utf8")) {
      const c = String.fromCharCode(byte);
      out += /[A-Za-z0-9\-_.~]/.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
    }
    return out;
  }
}

function canonicalPairs(params: ReadonlyMap<string, string>, skip?: string): string {
  // Byte order of the UTF-8 names, each encoded once (not once per comparison).
  return [...params.keys()]
    .filter((k) => k !== skip)
    .map((k) => ({ k, bytes: Buffer.from(k) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ k }) => `${rfc3986(k)}=${rfc3986(params.get(k) ?? "")}`)
    .join("&");
}

/** V1 (HMAC-SHA1) string-to-sign, as the server computes it from what it received. */
export function v1StringToSign(method: string, params: ReadonlyMap<string, string>): string {
  return [method, rfc3986("/"), rfc3986(canonicalPairs(params, "Signature"))].join("&");
}

export function v1Signature(method: string, params: ReadonlyMap<string, string>, secret: string): string {
  return v1Sign(v1StringToSign(method, params), secret);
}

function v1Sign(stringToSign: string, secret: string): string {
  return createHmac("sha1", secret + "&")
    .update(stringToSign)
    .digest("base64");
}

export interface V3Request {
  readonly method: string;
  readonly path: string;
  readonly query: ReadonlyMap<string, string>;
  /** Lower-case header names. */
  readonly headers: ReadonlyMap<string, string>;
  readonly signedHeaders: readonly string[];
  readonly hashedPayload: string;
}

export function v3CanonicalRequest(req: V3Request): string {
  const names = [...req.signedHeaders].map((h) => h.toLowerCase()).sort();
  const headerBlock = names.map((h) => `${h}:${(req.headers.get(h) ?? "").trim()}\n`).join("");
  return [req.method, req.path, canonicalPairs(req.query), headerBlock, names.join(";"), req.hashedPayload].join("\n");
}

export function v3StringToSign(req: V3Request): string {
  return "ACS3-HMAC-SHA256\n" + createHash("sha256").update(v3CanonicalRequest(req)).digest("hex");
}

export function v3Signature(req: V3Request, secret: string): string {
  return v3Sign(v3StringToSign(req), secret);
}

function v3Sign(stringToSign: string, secret: string): string {
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

/** How much of the server's string-to-sign a SignatureDoesNotMatch echoes: enough to compare with one's own, never the whole body back. */
export const ECHO_CHARS = 2048;

function mismatch(stringToSign: string): ApiError {
  const shown =
    stringToSign.length > ECHO_CHARS ? `${stringToSign.slice(0, ECHO_CHARS)}...(${stringToSign.length} characters)` : stringToSign;
  return Errors.signatureMismatch(shown);
}

export function sha256Hex(body: Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What one kept nonce costs beyond its characters (the Map entry, the number): an estimate, for the byte bound. */
const NONCE_ENTRY_BYTES = 64;

/**
 * Nonces seen within the window. A Map keeps insertion order, which is time
 * order here, so expired nonces are dropped from the front: no request scans
 * more than what has expired, and memory stays bounded by the traffic of one
 * window and by `maxBytes` (nonce characters plus each entry's overhead),
 * past which the oldest are forgotten early. Nonces are at most
 * REQUEST_LIMITS.nonceChars long, so no one request can take much of it.
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  /** False when the nonce was used within the window. */
  use(nonce: string, now: number): boolean {
    const cost = nonce.length + NONCE_ENTRY_BYTES;
    for (const [n, at] of this.seen) {
      if (now - at <= this.windowMs && this.bytes + cost <= this.maxBytes) break;
      this.forget(n);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    this.bytes += cost;
    return true;
  }

  private forget(nonce: string): void {
    this.seen.delete(nonce);
    this.bytes -= nonce.length + NONCE_ENTRY_BYTES;
  }

  get size(): number {
    return this.seen.size;
  }

  /** The bytes counted against `maxBytes`. */
  get heldBytes(): number {
    return this.bytes;
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export interface AuthContext {
  /** Mutable: STS and the metadata service add the session keys they issue. */
  readonly keys: Map<string, AccessKey>;
  readonly nonces: NonceCache;
  /** Allowed clock skew either way; Alibaba documents 15 minutes. */
  readonly windowMs: number;
  readonly now: () => Date;
}

function checkTimestamp(value: string | undefined, ctx: AuthContext): void {
  if (!value) throw Errors.missingParameter("Timestamp");
  if (!TIMESTAMP.test(value)) throw Errors.timestampFormat();
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw Errors.timestampFormat();
  if (Math.abs(ctx.now().getTime() - at) > ctx.windowMs) throw Errors.timestampExpired();
}

function lookUpKey(id: string | undefined, token: string | undefined, ctx: AuthContext): AccessKey {
  if (!id) throw Errors.missingParameter("AccessKeyId");
  const key = ctx.keys.get(id);
  if (!key) throw Errors.accessKeyNotFound();
  if (key.active === false) throw Errors.accessKeyInactive();
  if (key.securityToken !== undefined) {
    if (!token) throw Errors.missingSecurityToken();
    if (!sameText(token, key.securityToken)) throw Errors.securityTokenMismatch();
    if (key.expiresAt !== undefined && ctx.now().getTime() >= key.expiresAt) throw Errors.securityTokenExpired();
  }
  return key;
}

function checkNonce(nonce: string | undefined, ctx: AuthContext): void {
  if (!nonce) throw Errors.missingParameter("SignatureNonce");
  checkNonceLength(nonce);
  if (!ctx.nonces.use(nonce, ctx.now().getTime())) throw Errors.nonceUsed();
}

/** Verifies a signature-version-1.0 request; `params` is the merged query and form body. */
export function verifyV1(method: string, params: ReadonlyMap<string, string>, ctx: AuthContext): AccessKey {
  const signature = params.get("Signature");
  if (!signature) throw Errors.incompleteSignature("Signature is missing.");
  const sigMethod = params.get("SignatureMethod");
  if (!sigMethod) throw Errors.missingParameter("SignatureMethod");
  if (sigMethod !== "HMAC-SHA1") throw Errors.invalidSignatureMethod();
  if (params.get("SignatureVersion") !== "1.0") throw Errors.incompleteSignature("SignatureVersion must be 1.0.");
  checkTimestamp(params.get("Timestamp"), ctx);
  const key = lookUpKey(params.get("AccessKeyId"), params.get("SecurityToken"), ctx);
  // Computed once: the same text signs and, on a mismatch, is echoed.
  const stringToSign = v1StringToSign(method, params);
  if (!sameText(v1Sign(stringToSign, key.secret), signature)) throw mismatch(stringToSign);
  // The nonce is spent only by a request that authenticated, so a forged request cannot burn a real one.
  checkNonce(params.get("SignatureNonce"), ctx);
  return key;
}

const AUTHORIZATION = /^ACS3-HMAC-SHA256\s+Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)$/;

/** Verifies an ACS3-HMAC-SHA256 request (what the official SDKs send by default). */
export function verifyV3(req: Omit<V3Request, "signedHeaders" | "hashedPayload">, body: Buffer, ctx: AuthContext): AccessKey {
  const match = AUTHORIZATION.exec(req.headers.get("authorization") ?? "");
  if (!match) throw Errors.incompleteSignature("The Authorization header is malformed.");
  const [, keyId, signedList, signature] = match;
  const signedHeaders = signedList.split(";");
  for (const required of ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]) {
    if (!signedHeaders.includes(required)) throw Errors.incompleteSignature(`Header ${required} must be signed.`);
  }
  const hashedPayload = req.headers.get("x-acs-content-sha256") ?? "";
  if (hashedPayload !== sha256Hex(body)) throw Errors.incompleteSignature("x-acs-content-sha256 does not match the body.");
  checkTimestamp(req.headers.get("x-acs-date"), ctx);
  const key = lookUpKey(keyId, req.headers.get("x-acs-security-token"), ctx);
  const full: V3Request = { ...req, signedHeaders, hashedPayload };
  const stringToSign = v3StringToSign(full);
  if (!sameText(v3Sign(stringToSign, key.secret), signature)) throw mismatch(stringToSign);
  checkNonce(req.headers.get("x-acs-signature-nonce"), ctx);
  return key;
}
