import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, Errors } from "../exceptions";
import { LockNotTakenError, LockTimeoutError } from "../state/fileLock";
import type { NonceJournal } from "../state/nonceJournal";
import { StateFile, StateNotLoadedError, StateNotSavedError } from "../state/stateFile";
import { Action, ActionRegistry, Body } from "./actions";
import { AccessKey, AuthContext, authorize, verifyV1, verifyV3 } from "./auth";
import { FaultInjector, FaultKind } from "./faults";
import { checkParamLimits, REQUEST_LIMITS } from "./limits";
import { Params } from "./params";
import { RateLimiter } from "./rateLimits";
import { keepRecord, RequestRecord } from "./requestLog";
import { BodyTooLarge, newRequestId, ParsedRequest, readRequest, render } from "./wire";

/**
 * The gateway in front of an Alibaba RPC service, as a pipeline of small
 * steps: read, envelope (format, method, action, version), action look-up,
 * authentication, region, rate limit, faults, the action in the state
 * transaction, the request record, rendering. What differs between services
 * (DirectMail now, STS next) is the `RpcService` handed in; what they share
 * (keys, limits, faults, the account's state file, the request log) is the
 * `Gateway`'s.
 */

/** What the pipeline needs to know of one service behind it. */
export interface RpcService<Context, Switch extends string = string> {
  /** Product code, as error `Recommend` links name it (`Dm`). */
  readonly product: string;
  /** Host named in errors when the request had none. */
  readonly host: string;
  readonly version: string;
  readonly regions: readonly string[];
  readonly actions: ActionRegistry<Context, Switch>;
  /** Switches turned off: their actions answer as unknown. */
  readonly switchedOff: ReadonlySet<Switch>;
  /** The handler's context for one call; `caller` is the key that signed it (none for an anonymous action). */
  context(region: string, params: Params, caller?: AccessKey): Context;
  /** The body as this service's dialect writes it. */
  renderBody(body: Body): Body;
  /** The error as this service's dialect answers it. */
  renderError(error: ApiError): ApiError;
}

export interface Gateway {
  readonly auth: AuthContext;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly stateFile?: StateFile;
  /** With a state file: the nonces every emulator on it has spent. */
  readonly spentNonces?: NonceJournal;
  readonly requests: RequestRecord[];
  readonly now: () => Date;
  readonly log?: (line: string) => void;
}

/** What the first look at a request finds; every later step reads it. */
interface Call {
  readonly parsed: ParsedRequest;
  readonly v3: boolean;
  readonly actionName: string;
  readonly format: string;
  readonly region: string;
  /** Spent at authentication; checked again, under the state file's lock, against other processes. */
  readonly nonce: string;
  readonly requestId: string;
}

function identify(parsed: ParsedRequest, defaultRegion: string): Call {
  const v3 = (parsed.headers.get("authorization") ?? "").startsWith("ACS3-");
  return {
    parsed,
    v3,
    actionName: (v3 ? parsed.headers.get("x-acs-action") : parsed.params.get("Action")) ?? "",
    format: (parsed.params.get("Format") ?? (v3 ? "JSON" : "XML")).toUpperCase(),
    region: parsed.params.get("RegionId") ?? defaultRegion,
    nonce: (v3 ? parsed.headers.get("x-acs-signature-nonce") : parsed.params.get("SignatureNonce")) ?? "",
    requestId: newRequestId(),
  };
}

function checkEnvelope(call: Call, version: string): void {
  if (call.format !== "JSON" && call.format !== "XML") throw Errors.invalidFormat();
  if (call.parsed.method !== "GET" && call.parsed.method !== "POST") throw Errors.unsupportedMethod();
  if (!call.actionName) throw Errors.missingParameter("Action");
  const given = call.v3 ? call.parsed.headers.get("x-acs-version") : call.parsed.params.get("Version");
  if (!given) throw Errors.missingParameter("Version");
  if (given !== version) throw Errors.invalidVersion();
}

function lookUpAction<C, S extends string>(call: Call, service: RpcService<C, S>): Action<C, S> {
  const action = service.actions.get(call.actionName);
  if (!action || (action.switch !== undefined && service.switchedOff.has(action.switch))) throw Errors.invalidAction();
  return action;
}

function authenticate(call: Call, gateway: Gateway): AccessKey {
  const { parsed } = call;
  const key = call.v3
    ? verifyV3({ method: parsed.method, path: parsed.path, query: parsed.query, headers: parsed.headers }, parsed.body, gateway.auth)
    : verifyV1(parsed.method, parsed.params, gateway.auth);
  authorize(key, call.actionName);
  return key;
}

/** Latency, then an injected fault: an error is thrown, a dropped connection is returned for the caller to carry out. */
async function injectFaults(call: Call, gateway: Gateway): Promise<FaultKind | undefined> {
  const latency = gateway.faults.latency();
  if (latency > 0) await new Promise((r) => setTimeout(r, latency));
  const fault = gateway.faults.pick(call.actionName);
  if (fault === "throttle") throw Errors.throttledUser();
  if (fault === "unavailable") throw Errors.serviceUnavailable();
  if (fault === "internal") throw Errors.internalError();
  if (fault === "wrong-endpoint") throw Errors.productNotFound();
  return fault;
}

/**
 * With a state file, other processes may share it: the work runs under its
 * lock, on its latest version, once the nonce is known to be unspent by any
 * of them (this process's own cache cannot know what a restarted or a second
 * emulator accepted).
 */
async function runAction<C, S extends string>(
  call: Call,
  action: Action<C, S>,
  service: RpcService<C, S>,
  gateway: Gateway,
  caller: AccessKey | undefined,
): Promise<Body> {
  const work = () => {
    // An anonymous action (AssumeRoleWithOIDC) carries no signature, so no nonce to spend.
    if (!action.anonymous && gateway.spentNonces && !gateway.spentNonces.spend(call.nonce, gateway.now().getTime()))
      throw Errors.nonceUsed();
    return action.handler(service.context(call.region, new Params(call.parsed.params), caller));
  };
  try {
    return gateway.stateFile ? await gateway.stateFile.transact(action.mutates, work) : work();
  } catch (err) {
    const stateFailures = [StateNotSavedError, StateNotLoadedError, LockTimeoutError, LockNotTakenError];
    if (!stateFailures.some((kind) => err instanceof kind)) throw err;
    if (!(err instanceof Error)) throw err;
    gateway.log?.(`${err.message}; ${action.name} not done`);
    // The caller is told what it can act on: which file, which holder, what to do.
    throw Errors.stateFileUnusable(err.message);
  }
}

function record<C, S extends string>(call: Call, service: RpcService<C, S>, gateway: Gateway, status: number, code?: string): void {
  const { actionName, region } = call;
  keepRecord(gateway.requests, { action: actionName, region, status, code, signatureVersion: call.v3 ? "ACS3" : "1.0" });
  // Only names from the service's own tables reach the log: a request cannot forge a line
  // (control characters) or have any value of its own written there.
  const shownAction = service.actions.has(actionName) ? actionName : "?";
  const shownRegion = service.regions.includes(region) ? region : "?";
  gateway.log?.(`${shownAction} ${shownRegion} ${status}${code ? ` ${code}` : ""}`);
}

function sendError<C, S extends string>(
  res: ServerResponse,
  service: RpcService<C, S>,
  format: "JSON" | "XML",
  requestId: string,
  error: ApiError,
  host?: string,
): void {
  const rendered = render(format, "Error", {
    RequestId: requestId,
    HostId: host ?? service.host,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${service.product}&requestId=${requestId}`,
  });
  res.writeHead(error.status, { "content-type": rendered.contentType, "x-acs-request-id": requestId });
  res.end(rendered.text);
}

/** Handles one HTTP request for `service`. Never rejects: every failure becomes an answer (or a dropped connection). */
export async function handleRpc<C, S extends string>(
  req: IncomingMessage,
  res: ServerResponse,
  service: RpcService<C, S>,
  gateway: Gateway,
): Promise<void> {
  let parsed: ParsedRequest;
  try {
    parsed = await readRequest(req);
  } catch (err) {
    const tooLarge = err instanceof BodyTooLarge;
    // The rest of an oversized body is not read: the connection closes after the answer.
    if (tooLarge) res.setHeader("connection", "close");
    sendError(res, service, "JSON", newRequestId(), tooLarge ? Errors.bodyTooLarge(REQUEST_LIMITS.bodyBytes) : Errors.internalError());
    return;
  }
  const call = identify(parsed, service.regions[0]);
  const drop = (code: string) => {
    record(call, service, gateway, 0, code);
    req.socket.destroy();
  };
  try {
    checkParamLimits(parsed.params);
    checkEnvelope(call, service.version);
    const action = lookUpAction(call, service);
    const caller = action.anonymous ? undefined : authenticate(call, gateway);
    if (!service.regions.includes(call.region)) throw Errors.invalidParameter("RegionId");
    if (!gateway.limiter.allow(call.actionName, gateway.now().getTime())) throw Errors.throttledUser();
    const fault = await injectFaults(call, gateway);
    if (fault === "drop") return drop("dropped");
    const body = await runAction(call, action, service, gateway, caller);
    if (fault === "commit-then-drop") return drop("committed-then-dropped");
    record(call, service, gateway, 200);
    const rendered = render(call.format as "JSON" | "XML", `${call.actionName}Response`, {
      RequestId: call.requestId,
      ...service.renderBody(body),
    });
    res.writeHead(200, { "content-type": rendered.contentType, "x-acs-request-id": call.requestId });
    res.end(rendered.text);
  } catch (err) {
    const error = service.renderError(err instanceof ApiError ? err : Errors.internalError());
    if (!(err instanceof ApiError)) gateway.log?.(`internal error in ${call.actionName}: ${(err as Error).name}`);
    record(call, service, gateway, error.status, error.code);
    sendError(res, service, call.format === "XML" ? "XML" : "JSON", call.requestId, error, parsed.headers.get("host"));
  }
}
