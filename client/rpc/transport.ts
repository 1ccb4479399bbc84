import { Agent, errors as undiciErrors, request } from "undici";
import { AnswerTooLarge, readCapped } from "./cappedBody";

export { AnswerTooLarge };

export interface TransportOptions {
  /** Time allowed for a whole exchange: connecting, the headers and the complete body. */
  readonly timeoutMs: number;
  /** Sockets kept per origin; one `pulumi up` runs many resources in parallel. */
  readonly connections: number;
}

export interface RawResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * The most of an answer the client reads. DirectMail's answers are a few
 * kilobytes (a full page of 100 addresses is about 30 KB); 10 MiB leaves room
 * for any of them, and keeps a wrong endpoint or a hostile one from filling the
 * process's memory.
 */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

/** Why no response arrived, and whether the request can have reached the service. */
export class TransportFailure extends Error {
  constructor(
    readonly reason: string,
    readonly maybeDelivered: boolean,
  ) {
    super(reason);
  }
}

const NOT_DELIVERED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH"]);

/** Reads a failed exchange: its reason, and whether the request may have reached the service. */
function failureOf(err: unknown): TransportFailure {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? "";
  if (err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError) {
    return new TransportFailure("timed out waiting for the response", true);
  }
  return new TransportFailure(code ? `${code}: ${e.message ?? ""}`.trim() : (e.message ?? String(err)), !NOT_DELIVERED.has(code));
}

/** A pooled HTTP sender: sockets are reused across requests to the same endpoint. */
export class Transport {
  private readonly agent: Agent;

  constructor(private readonly options: TransportOptions) {
    this.agent = new Agent({ connections: options.connections, keepAliveTimeout: 30_000 });
  }

  /**
   * One exchange, within a total deadline: a server that answers slowly, byte
   * by byte, cannot hold it longer than `timeoutMs` (or the transport's own limit).
   */
  async postForm(url: URL, form: Readonly<Record<string, string>>, timeoutMs: number = this.options.timeoutMs): Promise<RawResponse> {
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const response = await request(url, {
        method: "POST",
        dispatcher: this.agent,
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams(form as Record<string, string>).toString(),
        signal: deadline,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      return { status: response.statusCode, body: await readCapped(response.body, response.headers["content-length"], MAX_ANSWER_BYTES) };
    } catch (err) {
      if (err instanceof AnswerTooLarge) throw err;
      if (deadline.aborted)
        throw new TransportFailure(`timed out waiting for the response (no complete answer within ${timeoutMs} ms)`, true);
      throw failureOf(err);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
