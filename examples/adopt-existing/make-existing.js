// Makes a sender address "by hand", as someone in the DirectMail console would, in the emulator
// account that `pulumi up` uses here (embedded mode keeps it in .directmail-emulator.json beside
// Pulumi.yaml). Usage: node make-existing.js [state-file] [address]
const path = require("path");
const { startEmulator } = require("pulumi-directmail/emulator");
const { DirectMailClient } = require("pulumi-directmail/client");

async function main() {
  const state = process.argv[2] || path.join(__dirname, ".directmail-emulator.json");
  const accountName = process.argv[3] || "support@example.com";
  const emulator = await startEmulator({ persistPath: state, domains: ["example.com", "example.org"] });
  const client = new DirectMailClient({
    endpoint: emulator.url,
    credentials: { accessKeyId: emulator.accessKey.id, accessKeySecret: emulator.accessKey.secret, env: {} },
  });
  try {
    const { mailAddressId } = await client.createMailAddress({ accountName, sendtype: "batch", replyAddress: "old-desk@example.org" });
    console.log(`made ${accountName} by hand: id ${mailAddressId}, sendtype batch, in ${state}`);
  } finally {
    await client.close();
    await emulator.stop();
  }
}

main().catch((err) => {
  console.error(`make-existing: ${err.message}`);
  process.exit(1);
});
