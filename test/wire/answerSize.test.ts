import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { DirectMailClient } from "../../client";
import { DirectMailAnswerTooLargeError } from "../../client/errors";

/** An answer far larger than any DirectMail answer: read up to the client's limit, then refused, not retried. */

const BODY_BYTES = 128 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, "a");

let server: Server;
let requests = 0;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(200, { "content-type": "application/json" });
    // Written as the client reads it, so that only the client could hold the body in memory.
    let sent = 0;
    const more = (): void => {
      while (sent < BODY_BYTES) {
        sent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once("drain", more);
      }
      res.end();
    };
    res.on("error", () => undefined);
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("a huge answer fails with the limit named, is not retried, and is never held whole in memory", async () => {
  const client = new DirectMailClient({
    endpoint: url,
    credentials: { accessKeyId: "AKID", accessKeySecret: "secret", env: {} },
    pacer: false,
    retryBudget: false,
  });
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const failure = client.listMailAddresses();
    await expect(failure).rejects.toBeInstanceOf(DirectMailAnswerTooLargeError);
    await expect(failure).rejects.toThrow("larger than 10 MiB");
  } finally {
    clearInterval(sampler);
    await client.close();
  }
  expect(requests).toBe(1);
  expect(peak - before).toBeLessThan(64 * 1024 * 1024);
});
