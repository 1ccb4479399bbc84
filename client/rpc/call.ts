import { randomUUID } from "node:crypto";
import { API_VERSION } from "../apiFacts";
import type { Credentials } from "../credentials/credentials";
import {
  CredentialsError,
  DirectMailAnswerTooLargeError,
  DirectMailServiceError,
  DirectMailTransportError,
  RequestContext,
} from "../errors";
import { asObject, asString, JsonObject } from "./answers";
import { redactSecrets } from "./redact";
import { signRpcRequest } from "./signer";
import { AnswerTooLarge, Transport, TransportFailure } from "./transport";

/** One attempt of one action, as the pipeline carries it from signing to the answer. */
export interface RpcRequest {
  readonly action: string;
  /** The action's own parameters, as strings. */
  readonly params: Readonly<Record<string, string>>;
  readonly region: string;
  readonly endpoint: URL;
  /** How messages name the endpoint; default its origin. */
  readonly endpointName?: string;
  readonly credentials: Credentials;
  /** What errors may show of the request: the parameters less the secret ones. */
  readonly context: RequestContext;
  /** Values masked in every message, in every encoding. */
  readonly secrets: ReadonlyArray<string | undefined>;
  /** The codes by which the action says its object does not exist. */
  readonly goneCodes: readonly string[];
  readonly timeoutMs: number;
  /** Told just before the request is sent. */
  readonly onSend?: () => void;
}

/** Signs and sends one attempt; the answer's body, or the error it means. */
export async function sendRpc(transport: Transport, request: RpcRequest): Promise<JsonObject> {
  const { credentials } = request;
  // The sources never hand out an expired session; this holds the line should one ever try.
  if (credentials.expiresAt !== undefined && credentials.expiresAt <= Date.now()) {
    throw new CredentialsError(credentials.source, `the session expired at ${new Date(credentials.expiresAt).toISOString()}; not sent`);
  }
  // A fresh nonce and timestamp per attempt: the service refuses a reused nonce.
  const signed: Record<string, string> = {
    ...request.params,
    Action: request.action,
    Version: API_VERSION,
    Format: "JSON",
    RegionId: request.region,
    AccessKeyId: credentials.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  if (credentials.securityToken) signed.SecurityToken = credentials.securityToken;
  // Parameters go in a POST body rather than the query string so that a
  // password never lands in a proxy's or load balancer's URL log.
  signed.Signature = signRpcRequest("POST", signed, credentials.accessKeySecret);

  let response;
  request.onSend?.();
  try {
    response = await transport.postForm(request.endpoint, signed, request.timeoutMs);
  } catch (err) {
    if (err instanceof AnswerTooLarge) throw new DirectMailAnswerTooLargeError(request.action, err.limitBytes, request.endpoint.origin);
    const failure = err instanceof TransportFailure ? err : new TransportFailure(String(err), true);
    throw new DirectMailTransportError(request.action, redactSecrets(failure.reason, request.secrets), failure.maybeDelivered);
  }
  return parseAnswer(request, response.status, response.body);
}

/** A 2xx with a JSON object is the answer; anything else is the error it says, or the status's. */
function parseAnswer(request: RpcRequest, status: number, text: string): JsonObject {
  let body: JsonObject | undefined;
  try {
    body = asObject(JSON.parse(text));
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300 && body) return body;
  const code = body ? asString(body.Code) || `HTTP${status}` : status >= 200 && status < 300 ? "InvalidResponse" : `HTTP${status}`;
  const message = body ? asString(body.Message) : text.slice(0, 200);
  throw new DirectMailServiceError(
    request.action,
    code,
    status >= 300 ? status : 502,
    redactSecrets(message, request.secrets),
    body ? asString(body.RequestId) || undefined : undefined,
    // A troubleshooting link can carry the request's parameters as well as the message can.
    body ? redactSecrets(asString(body.Recommend), request.secrets) || undefined : undefined,
    request.context,
    request.endpointName ?? request.endpoint.origin,
    request.goneCodes,
    { accessKeyId: request.credentials.accessKeyId, source: request.credentials.source },
  );
}
