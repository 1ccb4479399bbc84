// An application's mail test, offline: `pulumi up` makes the sender on the
// built-in emulator; then the test mails through it as the application would
// (SMTP with the stack's outputs, and the official SDK's SingleSendMail) and
// asserts that both arrived. Run it in this folder: `node send-test.js`
// (after `pulumi stack select` and `pulumi config set --secret smtpPassword ...`).
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const { join } = require("node:path");
const { URL } = require("node:url");
const nodemailer = require("nodemailer");
const Dm = require("@alicloud/dm20151123");
const { $OpenApiUtil } = require("@alicloud/openapi-core");
const { startEmulator } = require("pulumi-directmail/emulator");

const pulumi = (...args) => execFileSync("pulumi", [...args, "--non-interactive"], { encoding: "utf8" });

async function main() {
  pulumi("up", "--yes");
  const outputs = JSON.parse(pulumi("stack", "output", "--json", "--show-secrets"));
  const statePath = pulumi("config", "get", "directmail:emulatorState").trim() || join(__dirname, ".directmail-emulator.json");

  // The same account `pulumi up` configured, served here for the test; smtpdm.aliyun.com stands in for it.
  const emulator = await startEmulator({ persistPath: statePath });
  try {
    const smtp = nodemailer.createTransport({
      host: emulator.smtp.host,
      port: emulator.smtp.port,
      requireTLS: true,
      tls: { rejectUnauthorized: false }, // the emulator's self-signed localhost certificate
      auth: { user: outputs.smtpUsername, pass: outputs.smtpPassword },
    });
    await smtp.sendMail({ from: outputs.smtpUsername, to: "customer@example.org", subject: "Your order", text: "Thanks!" });
    smtp.close();

    const sdk = new Dm.default(
      new $OpenApiUtil.Config({
        accessKeyId: emulator.accessKey.id,
        accessKeySecret: emulator.accessKey.secret,
        endpoint: new URL(emulator.url).host,
        protocol: "http",
        regionId: "cn-hangzhou",
      }),
    );
    await sdk.singleSendMail(
      new Dm.SingleSendMailRequest({
        accountName: outputs.smtpUsername,
        addressType: 1,
        replyToAddress: false,
        toAddress: "customer@example.org",
        subject: "Your invoice",
        htmlBody: "<p>Attached soon.</p>",
      }),
    );

    const arrived = await emulator.inspect.messages({ sender: outputs.smtpUsername });
    assert.deepEqual(
      arrived.map((m) => [m.channel, m.subject, m.to.join(",")]),
      [
        ["smtp", "Your order", "customer@example.org"],
        ["api", "Your invoice", "customer@example.org"],
      ],
    );
    console.log(`both arrived: ${arrived.map((m) => `${m.channel} "${m.subject}"`).join(", ")}`);
  } finally {
    await emulator.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
