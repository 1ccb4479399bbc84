import { createServer, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
  DirectMailClient,
  DirectMailClientError,
  DirectMailRetriesExhaustedError,
  DirectMailServiceError,
  isGone,
  percentEncode,
  resolveEndpoint,
} from "../../client";
import { harness, Harness } from "../support/emulator";

/** What the client says is what happened: deadlines that hold, "gone" only when the service says so, no secret echoed. */

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A server that answers every request with a 400 whose JSON body is built from the request's body, as an echoing gateway does. */
const echoing = (answer: (body: string) => Record<string, string>) =>
  serve((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify(answer(body)));
    });
  });

const clientFor = (endpoint: string, extra: object = {}) =>
  new DirectMailClient({ endpoint, credentials: { accessKeyId: "AK", accessKeySecret: "SECRETsecret", env: {} }, pacer: false, ...extra });

describe("a request's time limit is a deadline", () => {
  let trickle: { server: Server; url: string };
  beforeAll(async () => {
    // Headers at once, then one byte every 100 ms, for ever.
    trickle = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
    });
  });
  afterAll(() => stop(trickle.server));

  test("a server answering byte by byte cannot hold one exchange past timeoutMs", async () => {
    const client = clientFor(trickle.url, { timeoutMs: 600, retry: { maxAttempts: 1 } });
    const started = Date.now();
    const err = await client.listMailAddresses().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((err as Error).message).toContain("no complete answer within 600 ms");
    await client.close();
  });

  test("nor can retries run past the retry deadline", async () => {
    const client = clientFor(trickle.url, {
      timeoutMs: 1_000,
      retry: { maxAttempts: 10, baseDelayMs: 10, maxDelayMs: 20, deadlineMs: 1_500 },
    });
    const started = Date.now();
    const err = await client.listMailAddresses().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectMailRetriesExhaustedError);
    expect(Date.now() - started).toBeLessThan(2_500);
    await client.close();
  });
});

describe('"gone" only when the action\'s own answer says so', () => {
  let gateway: { server: Server; url: string };
  let h: Harness;
  beforeAll(async () => {
    gateway = await serve((req, res) => {
      if (req.url?.includes("plain")) {
        res.writeHead(404, { "content-type": "text/html" });
        res.end("<html>Not Found</html>");
        return;
      }
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ RequestId: "R1", Code: "InvalidProduct.NotFound", Message: "Specified product is not found." }));
    });
    h = await harness({ callbackActions: false });
  });
  afterAll(async () => {
    await stop(gateway.server);
    await h.close();
  });

  test.each([
    ["a gateway's JSON 404", "", "InvalidProduct.NotFound"],
    ["a plain-text 404", "/plain", "HTTP404"],
  ])("%s is no proof that an address is gone, and the error names the endpoint and the code", async (_label, path, code) => {
    const client = clientFor(`${gateway.url}${path}`, { retry: { maxAttempts: 1 } });
    const err = await client.deleteMailAddress("100001").catch((e: unknown) => e);
    expect(isGone(err)).toBe(false);
    expect((err as Error).message).toContain(code);
    expect((err as Error).message).toContain(`from ${gateway.url}`);
    await client.close();
  });

  test("the emulator's own answers for a missing address are", async () => {
    expect(isGone(await h.client.deleteMailAddress("999999").catch((e: unknown) => e))).toBe(true);
    const modify = await h.client.modifyMailAddress({ mailAddressId: "999999", replyAddress: "r@example.com" }).catch((e: unknown) => e);
    expect(isGone(modify)).toBe(true);
  });

  test("an action the service does not offer is not", async () => {
    const err = await h.client.getMailAddressMsgCallBackUrl("nobody@example.com").catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe("InvalidAction.NotFound");
    expect(isGone(err)).toBe(false);
  });
});

describe("secrets in endpoints and notify URLs", () => {
  test("credentials written into an endpoint are never echoed", async () => {
    expect(() => resolveEndpoint("cn-hangzhou", "http://user:pa55word-x@example.com")).toThrow(/uses plain http/);
    const message = (() => {
      try {
        resolveEndpoint("cn-hangzhou", "http://user:pa55word-x@example.com");
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    })();
    expect(message).not.toContain("pa55word-x");
    expect(message).toContain("http://***@example.com");

    const gateway = await serve((_req, res) => {
      res.writeHead(404);
      res.end("nothing for user:pa55word-x here");
    });
    const port = new URL(gateway.url).port;
    const client = clientFor(`http://user:pa55word-x@127.0.0.1:${port}`, { retry: { maxAttempts: 1 } });
    const err = (await client.listMailAddresses().catch((e: unknown) => e)) as DirectMailClientError;
    for (const text of [err.message, JSON.stringify(err), inspect(err)]) expect(text).not.toContain("pa55word-x");
    await client.close();
    await stop(gateway.server);
  });

  test("a notify URL the service echoes back is masked in the error", async () => {
    const secretUrl = "https://hooks.example.com/T0KEN-abc~!x";
    // As SignatureDoesNotMatch does: the request comes back, in the client's own encoding.
    const echo = await echoing((body) => ({ RequestId: "R", Code: "SignatureDoesNotMatch", Message: `server string to sign is: ${body}` }));
    const client = clientFor(echo.url, { retry: { maxAttempts: 1 } });
    const err = (await client
      .updateMailAddressMsgCallBackUrl({ mailFrom: "a@example.com", notifyUrl: secretUrl })
      .catch((e: unknown) => e)) as Error;
    for (const text of [err.message, JSON.stringify(err), inspect(err)]) {
      expect(text).not.toContain("T0KEN");
      expect(text).not.toContain("SECRETsecret");
    }
    await client.close();
    await stop(echo.server);
  });

  test("a secret echoed in a string-to-sign of the body as sent, or in the Recommend link, is masked", async () => {
    const secretUrl = "https://hooks.example.com/T0KEN-abc~!x";
    const echo = await echoing((body) => ({
      RequestId: "R",
      Code: "SignatureDoesNotMatch",
      // A gateway that signs the form body without decoding it first: the form encoding, percent-encoded.
      Message: `server string to sign is:POST&%2F&${percentEncode(body)}`,
      Recommend: `https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&request=${body}`,
    }));
    const client = clientFor(echo.url, { retry: { maxAttempts: 1 } });
    try {
      const err = (await client
        .updateMailAddressMsgCallBackUrl({ mailFrom: "a@example.com", notifyUrl: secretUrl })
        .catch((e: unknown) => e)) as DirectMailServiceError;
      expect(err).toBeInstanceOf(DirectMailServiceError);
      expect(err.recommend).toContain("https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch");
      for (const text of [err.message, err.recommend ?? "", JSON.stringify(err), inspect(err)]) expect(text).not.toContain("T0KEN");
    } finally {
      await client.close();
      await stop(echo.server);
    }
  });
});

describe("paging stops on its own, whatever the server answers", () => {
  /** A server that answers every page full, without TotalCount: `fresh` says whether each page brings new ids. */
  const endless = (fresh: boolean) =>
    serve((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const pageNo = Number(new URLSearchParams(body).get("PageNo") ?? "1");
        const pageSize = Number(new URLSearchParams(body).get("PageSize") ?? "50");
        const items = Array.from({ length: pageSize }, (_, i) => ({
          MailAddressId: String((fresh ? pageNo * pageSize : 0) + i + 1),
          AccountName: `a${i}@example.com`,
          Sendtype: "batch",
          AccountStatus: 0,
          ReplyStatus: 1,
        }));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ RequestId: "R", PageNumber: pageNo, data: { mailAddress: items } }));
      });
    });

  test("the same full page again: stops at the page with nothing new", async () => {
    const server = await endless(false);
    let requests = 0;
    server.server.on("request", () => requests++);
    const client = clientFor(server.url);
    expect(await client.listMailAddresses()).toHaveLength(50);
    expect(requests).toBe(2);
    await client.close();
    await stop(server.server);
  });

  test("new full pages for ever: stops at the bound of 1,000 pages", async () => {
    const server = await endless(true);
    let requests = 0;
    server.server.on("request", () => requests++);
    const client = clientFor(server.url);
    expect(await client.listMailAddresses()).toHaveLength(50_000);
    expect(requests).toBe(1_000);
    await client.close();
    await stop(server.server);
  }, 60_000);
});

describe("a refusal the client looks into is the answer unless the list proves otherwise", () => {
  /** A server that refuses every `refused` action with 400 `code`, and answers QueryReceiverDetail with `members`, in one page. */
  const refusing = (refused: string, code: string, members: readonly string[]) =>
    serve((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const params = new URLSearchParams(body);
        actions.push(`${params.get("Action")}${params.has("PageSize") ? ` ${params.get("PageSize")}` : ""}`);
        const ok = params.get("Action") === "QueryReceiverDetail" && refused !== "QueryReceiverDetail";
        res.writeHead(ok ? 200 : 400, { "content-type": "application/json" });
        res.end(
          JSON.stringify(
            ok
              ? { RequestId: "R", NextStart: "", data: { detail: members.map((email) => ({ Email: email, Data: ",,,," })) } }
              : { RequestId: "R", Code: code, Message: "refused" },
          ),
        );
      });
    });
  let actions: string[] = [];
  beforeEach(() => (actions = []));

  test("a member refused for deletion and still in the list: the refusal stands", async () => {
    const server = await refusing("DeleteReceiverDetail", "InvalidReceiverName.Malformed", ["a@example.org"]);
    const client = clientFor(server.url, { retry: { maxAttempts: 1 } });
    const err = await client.deleteReceiverDetail("0123456789abcdef0123456789abcdef", "a@example.org").catch((e: unknown) => e);
    expect((err as DirectMailServiceError).code).toBe("InvalidReceiverName.Malformed");
    expect(isGone(err)).toBe(false);
    expect(actions).toEqual(["DeleteReceiverDetail", "QueryReceiverDetail 100"]);
    await client.close();
    await stop(server.server);
  });

  test("a list refused for deletion that has no members: the refusal stands, nothing is deleted member by member", async () => {
    const server = await refusing("DeleteReceiver", "InvalidReceiverStatus.Malformed", []);
    const client = clientFor(server.url, { retry: { maxAttempts: 1 } });
    const err = await client.deleteReceiver("0123456789abcdef0123456789abcdef").catch((e: unknown) => e);
    expect((err as DirectMailServiceError).code).toBe("InvalidReceiverStatus.Malformed");
    expect(actions).toEqual(["DeleteReceiver", "QueryReceiverDetail 100"]);
    await client.close();
    await stop(server.server);
  });

  test("members refused at every page size: three sizes tried, then the refusal stands", async () => {
    const server = await refusing("QueryReceiverDetail", "InvalidParameter", []);
    const client = clientFor(server.url, { retry: { maxAttempts: 1 } });
    const err = await client.listReceiverMembers("0123456789abcdef0123456789abcdef").catch((e: unknown) => e);
    expect((err as DirectMailServiceError).code).toBe("InvalidParameter");
    expect(actions).toEqual(["QueryReceiverDetail 100", "QueryReceiverDetail 50", "QueryReceiverDetail"]);
    await client.close();
    await stop(server.server);
  });
});
