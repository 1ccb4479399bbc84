import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { isIP } from "node:net";
import type { AddressInfo } from "node:net";
import { ConnectionLimits, guardConnections, serverOptions } from "../connections";
import type { MessageFilter, StoredMessage } from "../dm/sending/models";
import { INBOX_CSP, listPage, messagePage, notFoundPage } from "./page";

/**
 * The web inbox: what the account accepted, for a person to look at (GET
 * only, loopback by default). Everything is under a secret path that only the
 * URL the emulator prints holds, as loopback is open to every user of the
 * machine (and --host opens it wider): `BASE/` lists (filtered by `?sender=`
 * and `?tag=`), `BASE/messages/ID` shows one, `BASE/messages.json` is the same
 * list for scripts; any other path is a bare 404.
 */

export interface InboxOptions {
  /** Default: the emulator's host (loopback). */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
}

export interface RunningInbox {
  /** With its secret path; no trailing slash. */
  readonly url: string;
  unref(): void;
  stop(): Promise<void>;
}

export interface InboxSource {
  messages(filter?: MessageFilter): Promise<StoredMessage[]>;
}

const HEADERS = {
  "content-security-policy": INBOX_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/**
 * Whether a request was addressed to this machine by address or as localhost.
 * A web page elsewhere can point a name of its own at 127.0.0.1 (DNS
 * rebinding) and then read the inbox as same-origin; its requests carry that
 * name in Host, so a name other than localhost is refused.
 */
function addressedLocally(host: string | undefined): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return hostname === "localhost" || isIP(hostname.replace(/^\[|\]$/g, "")) !== 0;
}

export async function startInbox(
  source: InboxSource,
  options: InboxOptions & { readonly host: string; readonly connections: Required<ConnectionLimits> },
): Promise<RunningInbox> {
  const secret = Buffer.from(randomBytes(18).toString("base64url"));
  const base = `/${secret.toString()}`;
  /** The path after the secret, or undefined when the request does not carry it. */
  const inner = (pathname: string): string | undefined => {
    const first = Buffer.from(pathname.split("/")[1] ?? "");
    if (first.length !== secret.length || !timingSafeEqual(first, secret)) return undefined;
    return pathname.slice(base.length) || "/";
  };
  const server = createServer(serverOptions(options.connections), (req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { ...HEADERS, "content-type": type });
      res.end(body);
    };
    if (!addressedLocally(req.headers.host))
      return send(403, "text/plain; charset=utf-8", "the inbox answers requests to an IP address or localhost only\n");
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain; charset=utf-8", "GET only\n");
    const url = new URL(req.url ?? "/", "http://inbox.invalid");
    const path = inner(url.pathname);
    if (path === undefined) return send(404, "text/plain; charset=utf-8", "not found\n");
    const filter: MessageFilter = {
      sender: url.searchParams.get("sender") || undefined,
      tagName: url.searchParams.get("tag") || undefined,
    };
    const one = /^\/messages\/([0-9a-f-]{36})$/.exec(path);
    source.messages(one ? {} : filter).then(
      (messages) => {
        if (path === "/") return send(200, "text/html; charset=utf-8", listPage(messages, filter, base));
        if (path === "/messages.json") return send(200, "application/json", JSON.stringify(messages));
        const found = one && messages.find((m) => m.id === one[1]);
        if (found) return send(200, "text/html; charset=utf-8", messagePage(found, base));
        send(404, "text/html; charset=utf-8", notFoundPage(base));
      },
      () => send(500, "text/plain; charset=utf-8", "the emulator's state could not be read\n"),
    );
  });
  // The API's timeouts and cap: idle connections to the inbox must not take the descriptors the API needs.
  guardConnections(server, options.connections);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}${base}`,
    unref: () => {
      server.unref();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
