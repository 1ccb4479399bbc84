import { connect, Socket } from "node:net";
import { createTransport, SendMailOptions, Transporter } from "nodemailer";
import type { EmulatorOptions } from "../../emulator";
import { harness, Harness } from "../support/emulator";

/** SMTP submission, driven by nodemailer as an application would, on the account the API set up. */

const PASSWORD = "SmtpPass1234";
let h: Harness;
afterEach(() => h?.close());

async function setUp(options: EmulatorOptions = {}, accountName = "app@example.com"): Promise<void> {
  h = await harness({ domains: ["example.com"], ...options });
  const { mailAddressId } = await h.client.createMailAddress({ accountName, sendtype: "trigger" });
  await h.client.modifyMailAddress({ mailAddressId, password: PASSWORD });
}

function transport(options: { user?: string; pass?: string; method?: "PLAIN" | "LOGIN"; requireTLS?: boolean } = {}) {
  const smtp = h.emulator.smtp;
  if (!smtp) throw new Error("no SMTP");
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: false,
    ignoreTLS: !options.requireTLS,
    requireTLS: options.requireTLS,
    // smtp-server's own certificate for localhost: self-signed.
    tls: { rejectUnauthorized: false },
    authMethod: options.method,
    auth: { user: options.user ?? "app@example.com", pass: options.pass ?? PASSWORD },
  });
}

/** The SMTP reply code of a refusal, or "sent". */
async function send(t: Transporter, mail: SendMailOptions = {}): Promise<number | "sent"> {
  try {
    await t.sendMail({ from: "app@example.com", to: "someone@example.org", subject: "s", text: "t", ...mail });
    return "sent";
  } catch (err) {
    return (err as { responseCode?: number }).responseCode ?? -1;
  } finally {
    t.close();
  }
}

it.each(["PLAIN", "LOGIN"] as const)(
  "AUTH %s with the SMTP password that ModifyMailAddress set: the mail is kept and counted",
  async (method) => {
    await setUp();
    const trace = Buffer.from(JSON.stringify({ TagName: "signup", OpenTrace: "1", LinkTrace: "1" })).toString("base64");
    const result = await send(transport({ method }), {
      from: '"The App" <app@example.com>',
      to: ["a@example.org", "b@example.org"],
      subject: "Welcome",
      text: "plain words",
      html: "<p>html words</p>",
      headers: { "X-AliDM-Trace": trace },
    });
    expect(result).toBe("sent");
    expect(await h.emulator.inspect.messages()).toMatchObject([
      {
        channel: "smtp",
        accountName: "app@example.com",
        fromAlias: "The App",
        to: ["a@example.org", "b@example.org"],
        subject: "Welcome",
        textBody: "plain words",
        htmlBody: "<p>html words</p>",
        tagName: "signup",
        clickTrace: true,
      },
    ]);
    expect(await h.client.findMailAddressByName("app@example.com")).toMatchObject({ dailyReqCount: 2, monthReqCount: 2 });
  },
);

it("speaks STARTTLS", async () => {
  await setUp();
  expect(await send(transport({ requireTLS: true }))).toBe("sent");
});

it.each([
  ["alimail", 526],
  ["rfc", 535],
] as const)("refuses a wrong password and an unknown sender alike (%s: %i), and keeps nothing", async (smtpCodes, code) => {
  await setUp({ dialect: { smtpCodes } });
  expect(await send(transport({ pass: "WrongPass1234" }))).toBe(code);
  expect(await send(transport({ user: "nobody@example.com" }), { from: "nobody@example.com" })).toBe(code);
  expect(await h.emulator.inspect.messages()).toEqual([]);
});

it("refuses an address with no SMTP password set", async () => {
  h = await harness({ domains: ["example.com"] });
  await h.client.createMailAddress({ accountName: "app@example.com", sendtype: "trigger" });
  expect(await send(transport())).toBe(526);
});

it("refuses a frozen sender at AUTH (541)", async () => {
  await setUp();
  h.emulator.inspect.setAccountStatus("cn-hangzhou", "app@example.com", 1);
  expect(await send(transport())).toBe(541);
});

it("refuses a MAIL FROM or a From header that is not the authenticated sender (440; rfc 553)", async () => {
  await setUp();
  expect(await send(transport(), { from: "other@example.com" })).toBe(440);
  expect(await send(transport(), { from: "other@example.com", envelope: { from: "app@example.com", to: "x@example.org" } })).toBe(440);
  expect(await h.emulator.inspect.messages()).toEqual([]);
  await h.close();
  await setUp({ dialect: { smtpCodes: "rfc" } });
  expect(await send(transport(), { from: "other@example.com" })).toBe(553);
});

it("refuses a sender whose domain is no longer verified (541)", async () => {
  await setUp();
  await h.emulator.dns({ domainName: "example.com", action: "withdraw" });
  const domain = h.emulator.inspect.allDomains().find((d) => d.domainName === "example.com");
  await h.client.checkDomain(String(domain?.id));
  expect(await send(transport())).toBe(541);
});

it("refuses a message over the size limit (510; rfc 552) and keeps nothing", async () => {
  await setUp({ smtp: { maxMessageBytes: 4096 } });
  expect(await send(transport(), { text: "x".repeat(10_000) })).toBe(510);
  expect(await send(transport(), { text: "small" })).toBe("sent");
  expect(await h.emulator.inspect.messages()).toHaveLength(1);
  await h.close();
  await setUp({ smtp: { maxMessageBytes: 4096 }, dialect: { smtpCodes: "rfc" } });
  expect(await send(transport(), { text: "x".repeat(10_000) })).toBe(552);
});

it("keeps to the SMTP rate (here 3 per minute) and then refuses with 451, a temporary failure", async () => {
  await setUp({ smtp: { rateLimit: { limit: 3, windowMs: 60_000 } } });
  const results = [];
  for (let i = 0; i < 5; i++) results.push(await send(transport()));
  expect(results).toEqual(["sent", "sent", "sent", 451, 451]);
  expect(await h.emulator.inspect.messages()).toHaveLength(3);
});

it("refuses a sender whose daily quota is used up (452)", async () => {
  await setUp();
  h.emulator.inspect.setQuota("cn-hangzhou", "app@example.com", { daily: 2 });
  expect(await send(transport(), { to: ["a@example.org", "b@example.org"] })).toBe("sent");
  expect(await send(transport())).toBe(452);
  expect(await h.emulator.inspect.messages()).toHaveLength(1);
});

it("delivers only to the envelope's recipients: To, Cc and Bcc headers add nobody", async () => {
  await setUp();
  const result = await send(transport(), {
    to: "shown@example.org",
    cc: "cc@example.org",
    envelope: { from: "app@example.com", to: ["real@example.org"] },
  });
  expect(result).toBe("sent");
  expect((await h.emulator.inspect.messages())[0].to).toEqual(["real@example.org"]);
});

it("caps open connections as the API does (128): idle ones that never log in cannot take every descriptor", async () => {
  await setUp();
  const smtp = h.emulator.smtp;
  if (!smtp) throw new Error("no SMTP");
  const sockets: Socket[] = [];
  const first = await Promise.all(
    Array.from(
      { length: 140 },
      () =>
        new Promise<string>((resolve) => {
          const socket = connect(smtp.port, smtp.host);
          sockets.push(socket);
          socket.once("data", (chunk: Buffer) => resolve(chunk.toString().slice(0, 3)));
          socket.once("error", () => resolve("error"));
          socket.once("close", () => resolve("closed"));
        }),
    ),
  );
  try {
    expect(first.filter((code) => code === "220")).toHaveLength(128);
    expect(first.filter((code) => code === "421")).toHaveLength(12);
  } finally {
    await Promise.all(sockets.map((s) => new Promise<void>((r) => s.end(() => r()))));
  }
  // Once they are gone, a sender logs in and sends as before.
  await new Promise((r) => setTimeout(r, 200));
  expect(await send(transport())).toBe("sent");
});
