import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { signRpcRequest } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import { ECHO_CHARS, NonceCache } from "../../emulator/gateway/auth";
import { REQUEST_LIMITS } from "../../emulator/gateway/limits";
import { rawCode } from "../support/rawRequest";

/**
 * What one request may carry (emulator/gateway/limits.ts, docs/emulator.md):
 * past a bound, the real-looking refusal; up to it, what any real action
 * sends still passes.
 */

let dm: RunningEmulator;
beforeAll(async () => {
  dm = await startEmulator({ domains: ["example.com"], rateLimits: false });
});
afterAll(() => dm.stop());

/** A signed CreateMailAddress form body with these extra parameters. */
function signedForm(extra: Record<string, string>, nonce: string = randomUUID()): string {
  const params: Record<string, string> = {
    Version: "2015-11-23",
    Format: "JSON",
    RegionId: "cn-hangzhou",
    AccessKeyId: dm.accessKey.id,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: nonce,
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    Action: "QueryMailAddressByParam",
    ...extra,
  };
  params.Signature = signRpcRequest("POST", params, dm.accessKey.secret);
  return new URLSearchParams(params).toString();
}

/** POSTs `body` as a form, with a Content-Length or (chunked) without one. */
function post(body: string, chunked = false): Promise<{ status: number; code?: string; message?: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      dm.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": Buffer.byteLength(body) }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          const parsed = JSON.parse(text) as { Code?: string; Message?: string };
          resolve({ status: res.statusCode ?? 0, code: parsed.Code, message: parsed.Message, connection: res.headers.connection });
        });
      },
    );
    // The server may answer and close before it has read everything: that is the point.
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" || err.code === "ECONNRESET" ? undefined : reject(err)));
    if (chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

const many = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Extra${i}`, "x"]));
/** The signed envelope and the action: the parameters every request here has besides its extras. */
const ENVELOPE = 10;

describe("the body", () => {
  const oversized = "Padding=" + "x".repeat(REQUEST_LIMITS.bodyBytes);

  test("past 1 MiB, with a Content-Length, is refused with 413 before it is read, and the connection closes", async () => {
    expect(await post(oversized)).toMatchObject({ status: 413, code: "RequestEntityTooLarge", connection: "close" });
  });

  test("past 1 MiB, chunked, is refused with 413 once the bound is crossed", async () => {
    expect(await post(oversized, true)).toMatchObject({ status: 413, code: "RequestEntityTooLarge" });
  });

  test("up to the bound, with the longest value allowed, is answered", async () => {
    const body = signedForm({ Padding: "x".repeat(REQUEST_LIMITS.valueChars) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(REQUEST_LIMITS.bodyBytes);
    expect(await post(body)).toMatchObject({ status: 200 });
  });
});

describe("parameters", () => {
  test(`more than ${REQUEST_LIMITS.params} are refused, naming the count and the bound`, async () => {
    const res = await post(signedForm(many(REQUEST_LIMITS.params - ENVELOPE + 1)));
    expect(res).toMatchObject({ status: 400, code: "InvalidParameter" });
    expect(res.message).toBe(`The request has ${REQUEST_LIMITS.params + 1} parameters; at most ${REQUEST_LIMITS.params} are accepted.`);
  });

  test(`${REQUEST_LIMITS.params} are accepted`, async () => {
    expect(await post(signedForm(many(REQUEST_LIMITS.params - ENVELOPE)))).toMatchObject({ status: 200 });
  });

  test("a name past 128 characters is refused without echoing it", async () => {
    const name = "N".repeat(REQUEST_LIMITS.nameChars + 1);
    const res = await post(signedForm({ [name]: "x" }));
    expect(res).toMatchObject({ status: 400, code: "InvalidParameter" });
    expect(res.message).not.toContain(name);
  });

  test("a value past its bound is refused, naming the parameter", async () => {
    const res = await post(signedForm({ KeyWord: "k".repeat(REQUEST_LIMITS.valueChars + 1) }));
    expect(res).toMatchObject({ status: 400, code: "InvalidParameter" });
    expect(res.message).toContain("KeyWord");
  });

  test("the longest real values pass the gateway: a long notify URL, a 20-character password", async () => {
    const created = await rawCode(dm, { Action: "CreateMailAddress", AccountName: "limits@example.com", Sendtype: "batch" });
    expect(created.status).toBe(200);
    const id = String(dm.inspect.allAddresses().find((a) => a.accountName === "limits@example.com")?.id);
    expect(await rawCode(dm, { Action: "ModifyMailAddress", MailAddressId: id, Password: "Ab12Cd34Ef56Gh78Ij90" })).toMatchObject({
      status: 200,
    });
    const url = `https://hooks.example.com/directmail?token=${"t".repeat(1900)}`;
    expect(
      await rawCode(dm, { Action: "UpdateMailAddressMsgCallBackUrl", MailFrom: "limits@example.com", NotifyUrl: url }),
    ).not.toMatchObject({
      code: "InvalidParameter",
    });
  });
});

describe("the nonce", () => {
  test("past 128 characters is refused, naming it", async () => {
    const res = await post(signedForm({}, "n".repeat(REQUEST_LIMITS.nonceChars + 1)));
    expect(res).toMatchObject({ status: 400, code: "InvalidParameter" });
    expect(res.message).toContain("SignatureNonce");
  });

  test("of 128 characters is accepted", async () => {
    expect(await post(signedForm({}, "n".repeat(REQUEST_LIMITS.nonceChars)))).toMatchObject({ status: 200 });
  });

  test("cache is bounded in bytes: long nonces push the oldest out", () => {
    const cache = new NonceCache(60_000, 10_000);
    for (let i = 0; i < 1_000; i++) expect(cache.use(`${i}-${"n".repeat(120)}`, 1)).toBe(true);
    expect(cache.heldBytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.use(`999-${"n".repeat(120)}`, 2)).toBe(false);
  });
});

describe("a wrong signature", () => {
  test("on a large request is answered with a bounded echo of the server's string-to-sign", async () => {
    // 128 Ki two-byte characters: 768 KiB in the body, 1.3 MB once encoded twice in the string-to-sign.
    const form = new URLSearchParams(signedForm({ KeyWord: "é".repeat(REQUEST_LIMITS.valueChars) }));
    form.set("Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    const body = form.toString();
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(REQUEST_LIMITS.bodyBytes);
    const started = Date.now();
    const res = await post(body);
    const ms = Date.now() - started;
    expect(res).toMatchObject({ status: 400, code: "SignatureDoesNotMatch" });
    expect(res.message).toContain("server string to sign is:POST&%2F&AccessKeyId");
    expect(res.message?.length).toBeLessThan(ECHO_CHARS + 200);
    expect(res.message).toMatch(/\.\.\.\(\d+ characters\)$/);
    // Measured, not asserted (the machine is shared): a few tens of ms.
    process.stdout.write(`wrong signature on a ${body.length}-byte body answered in ${ms} ms\n`);
  });
});
