import type { Agent } from "undici";
import { CredentialsError } from "../errors";
import { AnswerTooLarge, readCapped } from "../rpc/cappedBody";
import { redactSecrets } from "../rpc/redact";

/**
 * One agent for the credential services (STS, the metadata service, a
 * credentials URI): few requests, short-lived sockets. Loaded on first use, so
 * that building the chain (which `check` does, to report bad settings) loads no HTTP stack.
 */
let agent: Promise<{ agent: Agent; request: typeof import("undici").request }> | undefined;
const http = () =>
  (agent ??= import("undici").then((undici) => ({
    agent: new undici.Agent({ connections: 4, keepAliveTimeout: 4_000 }),
    request: undici.request,
  })));

/**
 * The most of a credential service's answer read: a set of keys is well under
 * 4 KB, so a larger answer is a wrong or hostile endpoint, and must not fill the process's memory.
 */
export const MAX_CREDENTIAL_ANSWER_BYTES = 64 * 1024;

/** The default time allowed for one exchange with a credential service. */
export const CREDENTIAL_TIMEOUT_MS = 10_000;

export interface HttpExchange {
  readonly method: "GET" | "PUT" | "POST";
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly form?: Readonly<Record<string, string>>;
  /** Named in the error when no answer comes. */
  readonly source: string;
  /** Masked in every message. */
  readonly secrets?: ReadonlyArray<string | undefined>;
  readonly timeoutMs?: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** One exchange with a credential service; a failure to get any answer is a CredentialsError naming the source. */
export async function exchange(x: HttpExchange): Promise<HttpAnswer> {
  const timeoutMs = x.timeoutMs ?? CREDENTIAL_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { agent: dispatcher, request } = await http();
    const response = await request(x.url, {
      method: x.method,
      dispatcher,
      headers: {
        accept: "application/json",
        ...(x.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...x.headers,
      },
      body: x.form ? new URLSearchParams(x.form as Record<string, string>).toString() : undefined,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    return {
      status: response.statusCode,
      body: await readCapped(response.body, response.headers["content-length"], MAX_CREDENTIAL_ANSWER_BYTES),
    };
  } catch (err) {
    if (err instanceof AnswerTooLarge)
      throw new CredentialsError(
        x.source,
        `${x.url.origin} answered more than ${err.limitBytes} bytes; a credential answer is a few hundred`,
      );
    const e = err as { code?: string; message?: string; cause?: { code?: string } };
    const reason = signal.aborted
      ? `no complete answer within ${timeoutMs} ms`
      : `${e.code ?? e.cause?.code ?? ""} ${e.message ?? String(err)}`.trim();
    throw new CredentialsError(x.source, `no answer from ${x.url.origin} (${redactSecrets(reason, x.secrets ?? [])})`, undefined, true);
  }
}

/** Whether a refusal passes: throttling or a server error; asking again later may work. */
export function passing(status: number, code: string | undefined): boolean {
  return status >= 500 || (code ?? "").startsWith("Throttling");
}

/** The answer's body as a JSON object, or undefined. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An STS-style expiry (`2026-01-02T03:04:05Z`, milliseconds allowed) in ms since the epoch, or undefined. */
export function parseExpiration(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** Reads the credential fields every credential service answers with (STS's `Credentials`, the metadata service, a credentials URI). */
export function readKeyFields(
  fields: Record<string, unknown> | undefined,
  source: string,
  service: string,
): { accessKeyId: string; accessKeySecret: string; securityToken: string; expiresAt: number } {
  const text = (name: string) => (typeof fields?.[name] === "string" ? (fields[name] as string) : "");
  const accessKeyId = text("AccessKeyId");
  const accessKeySecret = text("AccessKeySecret");
  const securityToken = text("SecurityToken");
  const expiresAt = parseExpiration(fields?.Expiration);
  const missing = [
    accessKeyId ? "" : "AccessKeyId",
    accessKeySecret ? "" : "AccessKeySecret",
    securityToken ? "" : "SecurityToken",
    expiresAt !== undefined ? "" : "Expiration (UTC, as 2026-01-02T03:04:05Z)",
  ].filter(Boolean);
  if (missing.length > 0) throw new CredentialsError(source, `${service} answered without ${missing.join(", ")}`);
  return { accessKeyId, accessKeySecret, securityToken, expiresAt: expiresAt as number };
}
