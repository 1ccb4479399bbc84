import { existsSync } from "node:fs";
import { get } from "node:http";
import puppeteer, { Browser } from "puppeteer-core";
import { createTransport } from "nodemailer";
import { harness, Harness } from "../support/emulator";

/**
 * The web inbox in a real browser (Debian's Chromium, headless): the list, the
 * filters, one message with its HTML rendered in a sandbox where its scripts
 * do not run, and its text.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "SmtpPass1234";
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
});
afterAll(() => browser?.close());

beforeEach(async () => {
  h = await harness({ domains: ["example.com"], inbox: true });
  for (const accountName of ["api@example.com", "smtp@example.com"]) {
    const { mailAddressId } = await h.client.createMailAddress({ accountName, sendtype: "trigger" });
    await h.client.modifyMailAddress({ mailAddressId, password: PASSWORD });
  }
  await h.client.createTag({ tagName: "welcome" });
  await h.client.singleSendMail({
    accountName: "api@example.com",
    toAddress: "reader@example.org",
    subject: "Hostile <b>subject</b>",
    htmlBody:
      '<h1 id="greeting">Hello from HTML</h1><script>window.top.document.title = "pwned"; document.body.dataset.ran = "yes";</script>' +
      '<img src="x" onerror="window.top.document.body.innerHTML = \'pwned\'">',
    textBody: "Hello from text",
    tagName: "welcome",
  });
  const smtp = h.emulator.smtp;
  if (!smtp) throw new Error("no SMTP");
  const t = createTransport({ host: smtp.host, port: smtp.port, ignoreTLS: true, auth: { user: "smtp@example.com", pass: PASSWORD } });
  await t.sendMail({ from: "smtp@example.com", to: "other@example.org", subject: "By SMTP", text: "smtp text" });
  t.close();
});
afterEach(() => h.close());

const inboxUrl = () => {
  const url = h.emulator.inbox?.url;
  if (!url) throw new Error("no inbox");
  return url;
};

it("lists every message, filters by tag and by sender through its form and links", async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${inboxUrl()}/`);
  expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(await page.$$eval("tbody tr", (rows) => rows.length)).toBe(2);
  expect(await page.$eval("#count", (e) => e.textContent)).toBe("2 messages");

  await page.type('input[name="tag"]', "welcome");
  await Promise.all([page.waitForNavigation(), page.click("button")]);
  expect(await page.$$eval("tbody tr .subject", (links) => links.map((l) => l.textContent))).toEqual(["Hostile <b>subject</b>"]);

  await page.goto(`${inboxUrl()}/`);
  await Promise.all([page.waitForNavigation(), page.click('a[href$="/?sender=smtp%40example.com"]')]);
  expect(await page.$$eval("tbody tr .subject", (links) => links.map((l) => l.textContent))).toEqual(["By SMTP"]);
  await page.close();
});

it("shows a message's HTML rendered in a sandbox where its scripts never run, and its text", async () => {
  const page = await browser.newPage();
  await page.goto(`${inboxUrl()}/?tag=welcome`);
  await Promise.all([page.waitForNavigation(), page.click("tbody tr .subject")]);
  expect(await page.$eval("#html", (f) => f.getAttribute("sandbox"))).toBe("");
  const frame = await (await page.$("#html"))?.contentFrame();
  if (!frame) throw new Error("no HTML frame");
  await frame.waitForSelector("#greeting");
  expect(await frame.$eval("#greeting", (e) => e.textContent)).toBe("Hello from HTML");
  // Give an onerror handler or a script every chance to run.
  await new Promise((r) => setTimeout(r, 300));
  expect(await frame.$eval("body", (b) => b.dataset.ran ?? "no")).toBe("no");
  expect(await page.title()).toBe("Hostile <b>subject</b>");
  expect(await page.$eval("#text", (e) => e.textContent)).toBe("Hello from text");
  expect(await page.$eval("body", (b) => b.textContent)).not.toContain("pwned");
  await page.close();
});

it("answers an unknown message with 404 and the JSON list for scripts", async () => {
  const missing = await fetch(`${inboxUrl()}/messages/00000000-0000-0000-0000-000000000000`);
  expect(missing.status).toBe(404);
  const list = (await (await fetch(`${inboxUrl()}/messages.json?sender=api@example.com`)).json()) as Array<{ subject: string }>;
  expect(list.map((m) => m.subject)).toEqual(["Hostile <b>subject</b>"]);
  expect((await fetch(`${inboxUrl()}/`, { method: "POST" })).status).toBe(405);
});

/** A GET with this Host header: what a page sends after pointing a name of its own at 127.0.0.1 (DNS rebinding). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(inboxUrl());
  return new Promise((resolve, reject) => {
    get({ host: url.hostname, port: url.port, path: `${url.pathname}${path}`, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

it("refuses a request addressed by another name (DNS rebinding): a web page elsewhere cannot read the mail", async () => {
  const port = new URL(inboxUrl()).port;
  for (const path of ["/", "/messages.json"]) {
    const rebound = await getWithHost(path, `attacker.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain("reader@example.org");
  }
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    const local = await getWithHost("/messages.json", host);
    expect(local.status).toBe(200);
    expect(local.body).toContain("reader@example.org");
  }
});

it("answers only under the secret path it prints: another user of the machine who finds the port reads nothing", async () => {
  const url = new URL(inboxUrl());
  expect(url.pathname).toMatch(/^\/[A-Za-z0-9_-]{24}$/);
  const wrong = `/${"A".repeat(24)}`;
  for (const path of ["/", "/messages.json", `${wrong}/`, `${wrong}/messages.json`, `${url.pathname}x/messages.json`]) {
    const res = await fetch(`${url.origin}${path}`);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain("reader@example.org");
    expect(body).not.toContain(url.pathname);
  }
  const list = (await (await fetch(`${inboxUrl()}/messages.json`)).json()) as Array<{ to: string[] }>;
  expect(list.flatMap((m) => m.to)).toContain("reader@example.org");
});
