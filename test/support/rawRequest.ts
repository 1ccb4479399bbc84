import { randomUUID } from "node:crypto";
import { signRpcRequest } from "../../client";

/** Where a raw request goes and the key it is signed with: a running emulator, or any URL with a key to try on it. */
export interface RawTarget {
  readonly url: string | URL;
  readonly accessKey: { readonly id: string; readonly secret: string };
}

/**
 * One signed V1 request with exactly these parameters, as any client could
 * send it: for asserting what the emulator itself answers, with no client in
 * between to read (or recover from) the answer.
 */
export async function rawRequest(
  emulator: RawTarget,
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const signed: Record<string, string> = {
    Version: "2015-11-23",
    Format: "JSON",
    RegionId: "cn-hangzhou",
    AccessKeyId: emulator.accessKey.id,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...params,
  };
  signed.Signature = signRpcRequest("POST", signed, emulator.accessKey.secret);
  const res = await fetch(emulator.url, { method: "POST", body: new URLSearchParams(signed) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The status and error code of a raw request. */
export async function rawCode(emulator: RawTarget, params: Record<string, string>): Promise<{ status: number; code?: string }> {
  const { status, body } = await rawRequest(emulator, params);
  return { status, code: typeof body.Code === "string" ? body.Code : undefined };
}
