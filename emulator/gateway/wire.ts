import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { REQUEST_LIMITS } from "./limits";

/** Parsing what arrives and rendering what leaves; nothing here knows the rules. */

export interface ParsedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Map<string, string>;
  /** Query and body parameters merged, body winning (the SDKs use either). */
  readonly params: Map<string, string>;
  /** Lower-case names. */
  readonly headers: Map<string, string>;
  readonly body: Buffer;
}

export class BodyTooLarge extends Error {}

export async function readRequest(req: IncomingMessage): Promise<ParsedRequest> {
  // A declared length past the bound is refused before a byte of it is read.
  if (Number(req.headers["content-length"] ?? 0) > REQUEST_LIMITS.bodyBytes) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > REQUEST_LIMITS.bodyBytes) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", "http://emulator");
  const query = new Map(url.searchParams);
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name.toLowerCase(), Array.isArray(value) ? value.sort().join(",") : value);
  }
  const params = new Map(query);
  const type = headers.get("content-type") ?? "";
  if (body.length > 0 && type.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.set(k, v);
  } else if (body.length > 0 && type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (parsed && typeof parsed === "object") {
        for (const [k, v] of Object.entries(parsed)) params.set(k, typeof v === "string" ? v : JSON.stringify(v));
      }
    } catch {
      // An unparsable body carries no parameters; the missing ones are reported by name.
    }
  }
  return { method: req.method ?? "GET", path: url.pathname, query, params, headers, body };
}

/** `95A7D497-F8DD-4834-B81E-C1783236E55F`, as the service writes them. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join("");
  if (value !== null && typeof value === "object") {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join("")}</${name}>`;
  }
  return `<${name}>${xmlEscape(String(value ?? ""))}</${name}>`;
}

export interface Rendered {
  readonly contentType: string;
  readonly text: string;
}

/** JSON, or XML when the caller asked for Format=XML (the V1 default when Format is absent). */
export function render(format: "JSON" | "XML", rootName: string, body: Record<string, unknown>): Rendered {
  if (format === "XML") {
    return { contentType: "text/xml;charset=utf-8", text: `<?xml version="1.0" encoding="UTF-8"?>${toXml(rootName, body)}` };
  }
  return { contentType: "application/json;charset=utf-8", text: JSON.stringify(body) };
}
