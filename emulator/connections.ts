import type { Server } from "node:http";
import type { Socket } from "node:net";

/**
 * What the listening socket allows, so that idle, silent or trickling
 * connections cannot exhaust the emulator's file descriptors: a shared CI
 * runner's emulator must keep answering whatever another job leaves open.
 */
export interface ConnectionLimits {
  /** Time for a request's headers to arrive. Default 10 s. */
  readonly headersMs?: number;
  /** Time for a whole request (headers and body) to arrive. Default 30 s. */
  readonly requestMs?: number;
  /** How long a kept-alive connection waits for its next request. Default 5 s. */
  readonly keepAliveMs?: number;
  /** How long a connection with no request in progress may send nothing (a silent one, too). Default 10 s. */
  readonly idleMs?: number;
  /** Open connections at most; past it, the one idle longest is closed for the new one. Default 128. */
  readonly maxConnections?: number;
}

export const DEFAULT_CONNECTION_LIMITS: Required<ConnectionLimits> = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  idleMs: 10_000,
  maxConnections: 128,
};

/** What createServer must be given for the headers timeout to be checked often enough to matter. */
export function serverOptions(limits: Required<ConnectionLimits>): {
  connectionsCheckingInterval: number;
  headersTimeout: number;
  requestTimeout: number;
} {
  return {
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersMs / 2))),
    headersTimeout: limits.headersMs,
    requestTimeout: Math.max(limits.requestMs, limits.headersMs),
  };
}

/**
 * Applies the idle timeout and the cap to `server`. A connection is idle when
 * no request on it is being answered: one waiting on the state lock or an
 * injected latency is never cut. Returns the count of connections accepted.
 */
export function guardConnections(server: Server, limits: Required<ConnectionLimits>): () => number {
  server.keepAliveTimeout = limits.keepAliveMs;
  server.timeout = limits.idleMs;
  const open = new Set<Socket>();
  const busy = new Map<Socket, number>();
  let accepted = 0;

  server.on("request", (req, res) => {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (busy.get(socket) ?? 1) - 1;
      if (left > 0) busy.set(socket, left);
      else busy.delete(socket);
    });
  });
  // With a listener, Node leaves the socket to it: close it unless a request on it is in progress.
  server.on("timeout", (socket: Socket) => {
    if (!busy.has(socket)) socket.destroy();
  });
  server.on("connection", (socket: Socket) => {
    accepted++;
    open.add(socket);
    socket.once("close", () => {
      open.delete(socket);
      busy.delete(socket);
    });
    if (open.size <= limits.maxConnections) return;
    // Oldest first (a Set keeps insertion order): the first one not answering a request makes room.
    for (const other of open) {
      if (other !== socket && !busy.has(other)) {
        other.destroy();
        return;
      }
    }
    socket.destroy();
  });
  return () => accepted;
}
