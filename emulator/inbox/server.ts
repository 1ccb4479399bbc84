import { createServer } from "node:http";
import { isIP } from "node:net";
import type { AddressInfo } from "node:net";
import type { MessageFilter, StoredMessage } from "../dm/sending/models";
import { INBOX_CSP, listPage, messagePage, notFoundPage } from "./page";

/**
 * The web inbox: what the account accepted, for a person to look at (GET
 * only, loopback by default). `/` lists (filtered by `?sender=` and `?tag=`),
 * `/messages/ID` shows one, `/messages.json` is the same list for scripts.
 */

export interface InboxOptions {
  /** Default: the emulator's host (loopback). */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
}

export interface RunningInbox {
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

export async function startInbox(source: InboxSource, options: InboxOptions & { readonly host: string }): Promise<RunningInbox> {
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { ...HEADERS, "content-type": type });
      res.end(body);
    };
    if (!addressedLocally(req.headers.host))
      return send(403, "text/plain; charset=utf-8", "the inbox answers requests to an IP address or localhost only\n");
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain; charset=utf-8", "GET only\n");
    const url = new URL(req.url ?? "/", "http://inbox.invalid");
    const filter: MessageFilter = {
      sender: url.searchParams.get("sender") || undefined,
      tagName: url.searchParams.get("tag") || undefined,
    };
    const one = /^\/messages\/([0-9a-f-]{36})$/.exec(url.pathname);
    source.messages(one ? {} : filter).then(
      (messages) => {
        if (url.pathname === "/") return send(200, "text/html; charset=utf-8", listPage(messages, filter));
        if (url.pathname === "/messages.json") return send(200, "application/json", JSON.stringify(messages));
        const found = one && messages.find((m) => m.id === one[1]);
        if (found) return send(200, "text/html; charset=utf-8", messagePage(found));
        send(404, "text/html; charset=utf-8", notFoundPage());
      },
      () => send(500, "text/plain; charset=utf-8", "the emulator's state could not be read\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
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
