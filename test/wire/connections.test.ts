import { connect, Socket } from "node:net";
import { ConnectionLimits, EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";
import { rawCode } from "../support/rawRequest";

/**
 * The listening socket's limits (emulator/connections.ts): connections left
 * idle, silent or trickling are closed, and a real request is answered
 * however many of them another job leaves open.
 */

const emulators: RunningEmulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.stop())));

async function emulator(connections: ConnectionLimits, more: EmulatorOptions = {}): Promise<RunningEmulator> {
  const e = await startEmulator({ domains: ["example.com"], rateLimits: false, connections, ...more });
  emulators.push(e);
  return e;
}

/** Opens `n` connections that send `send` (nothing by default); resolves once each is connected. */
async function openSockets(e: { port: number; host: string }, n: number, send = ""): Promise<Socket[]> {
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(e.port, e.host, () => {
            if (send) s.write(send);
            resolve(s);
          });
          s.on("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNRESET" ? undefined : reject(err)));
        }),
    ),
  );
}

const closed = (s: Socket): Promise<void> => new Promise((resolve) => (s.closed ? resolve() : s.once("close", () => resolve())));
const within = <T>(p: Promise<T>, ms: number): Promise<T | "timeout"> =>
  Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms).unref())]);

test("silent connections are closed once idle, and a real request still succeeds", async () => {
  const e = await emulator({ idleMs: 300 });
  const sockets = await openSockets(e, 50);
  expect(await within(Promise.all(sockets.map(closed)), 5_000)).not.toBe("timeout");
  expect(await rawCode(e, { Action: "QueryMailAddressByParam" })).toEqual({ status: 200, code: undefined });
});

test("a connection trickling its headers is answered 408 and closed", async () => {
  const e = await emulator({ headersMs: 300, idleMs: 60_000 });
  const [s] = await openSockets(e, 1, "POST / HTTP/1.1\r\nHost: x\r\n");
  let answer = "";
  s.on("data", (d: Buffer) => (answer += d.toString()));
  expect(await within(closed(s), 5_000)).not.toBe("timeout");
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
});

test("past the cap, the connection idle longest makes room: a real request is answered at once", async () => {
  const e = await emulator({ maxConnections: 10, idleMs: 60_000 });
  const sockets = await openSockets(e, 10);
  // Accepted by the server (not merely by the kernel's backlog) before the real request comes.
  while (e.connectionsOpened() < 10) await new Promise((r) => setTimeout(r, 10));
  expect(await rawCode(e, { Action: "QueryMailAddressByParam" })).toEqual({ status: 200, code: undefined });
  expect(sockets[0].closed || (await within(closed(sockets[0]), 1_000)) !== "timeout").toBe(true);
  expect(sockets.filter((s) => !s.closed).length).toBeGreaterThanOrEqual(8);
  for (const s of sockets) s.destroy();
});

test("a request in progress is not cut by the idle timeout", async () => {
  const e = await emulator({ idleMs: 200 });
  e.faults.configure({ latencyMs: 800 });
  expect(await rawCode(e, { Action: "QueryMailAddressByParam" })).toEqual({ status: 200, code: undefined });
});

test("the inbox, STS, the metadata service and the credentials URI close idle connections and keep the cap too", async () => {
  const e = await emulator(
    { idleMs: 300, maxConnections: 10 },
    { inbox: true, sts: {}, ecsMetadata: { roleName: "r" }, credentialsUri: {} },
  );
  for (const url of [e.inbox?.url, e.stsUrl, e.ecsMetadataUrl, e.credentialsUri]) {
    const { hostname, port } = new URL(url ?? "");
    const sockets = await openSockets({ host: hostname, port: Number(port) }, 20);
    // Ten past the cap are closed at once, the rest once idle: none is held open.
    expect(await within(Promise.all(sockets.map(closed)), 5_000)).not.toBe("timeout");
  }
  expect(await rawCode(e, { Action: "QueryMailAddressByParam" })).toEqual({ status: 200, code: undefined });
});
