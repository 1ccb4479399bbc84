import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import { DirectMailClient } from "../../client";
import { DEFAULT_ACCESS_KEY, startEmulator } from "../../emulator";
import { clientOf } from "../support/emulator";
import { printedLines } from "../support/printedLines";
import { scratchDir } from "../support/scratch";

/** `directmail-emulator mail list|show|clear` on a state file, and the SMTP and inbox lines of a served emulator. */

const BIN = join(__dirname, "../../node_modules/.bin/directmail-emulator");
const dir = scratchDir("mail-cli");
const run = (...args: string[]) => spawnSync(BIN, args, { encoding: "utf8" });

it("lists, shows, filters and clears the mail an emulator accepted, from its state file", async () => {
  const state = join(dir, "state.json");
  const emulator = await startEmulator({ domains: ["example.com"], persistPath: state });
  const client = clientOf(emulator);
  try {
    await client.createMailAddress({ accountName: "app@example.com", sendtype: "trigger" });
    await client.createTag({ tagName: "t1" });
    await client.singleSendMail({
      accountName: "app@example.com",
      toAddress: "a@example.org",
      subject: "First",
      textBody: "one",
      tagName: "t1",
    });
    await client.singleSendMail({ accountName: "app@example.com", toAddress: "b@example.org", subject: "Second", htmlBody: "<i>two</i>" });
  } finally {
    await client.close();
    await emulator.stop();
  }
  const list = run("mail", "list", "--state", state);
  expect(list.status).toBe(0);
  expect(list.stdout.trim().split("\n")).toEqual([
    expect.stringMatching(/^[0-9a-f-]{36} {2}\S+ {2}api {3}app@example\.com -> a@example\.org {2}"First" {2}tag t1$/),
    expect.stringMatching(/app@example\.com -> b@example\.org {2}"Second"$/),
  ]);
  const tagged = JSON.parse(run("mail", "list", "--state", state, "--tag", "t1", "--json").stdout) as Array<{
    id: string;
    subject: string;
  }>;
  expect(tagged.map((m) => m.subject)).toEqual(["First"]);
  const shown = run("mail", "show", tagged[0].id, "--state", state);
  expect(shown.stdout).toContain("Subject: First\nTag: t1\n");
  expect(shown.stdout).toContain("--- text ---\none\n");
  expect(run("mail", "clear", "--state", state).stdout).toBe("cleared 2 messages\n");
  expect(run("mail", "list", "--state", state).stdout).toBe("no mail\n");
  const missing = run("mail", "show", tagged[0].id, "--state", state);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain(`no message ${tagged[0].id}`);
  expect(run("mail", "list", "--state", join(dir, "none.json")).stderr).toContain("there is no emulator state file");
  expect(run("mail", "send").stderr).toContain("mail: use `mail list --state FILE`");
});

it("shows a message's control characters as escapes: a sender's ESC sequences never reach the terminal", async () => {
  const state = join(dir, "hostile.json");
  const emulator = await startEmulator({ domains: ["example.com"], persistPath: state });
  const client = clientOf(emulator);
  try {
    const { mailAddressId } = await client.createMailAddress({ accountName: "app@example.com", sendtype: "trigger" });
    await client.modifyMailAddress({ mailAddressId, password: "CliPass12345" });
    const smtp = emulator.smtp;
    if (!smtp) throw new Error("no SMTP");
    const t = createTransport({
      host: smtp.host,
      port: smtp.port,
      ignoreTLS: true,
      auth: { user: "app@example.com", pass: "CliPass12345" },
    });
    await t.sendMail({
      from: { name: "Bank\u001b]0;retitled\u0007", address: "app@example.com" },
      to: "x@example.org",
      subject: "Hello\u001b[2J\u001b[H",
      text: "line one\r\nline\ttwo\u001b[31m red",
    });
    t.close();
  } finally {
    await client.close();
    await emulator.stop();
  }
  const [message] = JSON.parse(run("mail", "list", "--state", state, "--json").stdout) as Array<{ id: string }>;
  const shown = run("mail", "show", message.id, "--state", state).stdout;
  // eslint-disable-next-line no-control-regex -- no control character but a line break or a tab may be printed
  expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(shown).toContain("From: Bank\\u001b]0;retitled\\u0007 <app@example.com>\n");
  expect(shown).toContain("Subject: Hello\\u001b[2J\\u001b[H\n");
  expect(shown).toContain("--- text ---\nline one\nline\ttwo\\u001b[31m red");
});

it("serves SMTP and the inbox on the ports it prints, on the same account as the API", async () => {
  const child = spawn(BIN, ["--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const lines = await printedLines(child, 3);
    expect(lines).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^smtp:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{24}\/$/),
    ]);
    const api = new DirectMailClient({
      endpoint: lines[0],
      credentials: { accessKeyId: DEFAULT_ACCESS_KEY.id, accessKeySecret: DEFAULT_ACCESS_KEY.secret, env: {} },
    });
    const { mailAddressId } = await api.createMailAddress({ accountName: "cli@example.com", sendtype: "trigger" });
    await api.modifyMailAddress({ mailAddressId, password: "CliPass12345" });
    await api.close();
    const smtp = new URL(lines[1]);
    const t = createTransport({
      host: smtp.hostname,
      port: Number(smtp.port),
      ignoreTLS: true,
      auth: { user: "cli@example.com", pass: "CliPass12345" },
    });
    await t.sendMail({ from: "cli@example.com", to: "x@example.org", subject: "Through the CLI's SMTP", text: "hi" });
    t.close();
    const inbox = await (await fetch(`${lines[2]}messages.json`)).json();
    expect(inbox).toMatchObject([{ channel: "smtp", subject: "Through the CLI's SMTP" }]);
  } finally {
    const exit = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exit;
  }
});
