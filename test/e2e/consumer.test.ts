import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OFFLINE_ENV, pulumiBinDir, REPO } from "../../scripts/localEngine";

/**
 * How users get the package: `npm pack`, installed into a separate Pulumi
 * project with its own node_modules, driven by that project's own
 * @pulumi/pulumi. The serialized provider must find the package by name there.
 */

const DRIVER = String.raw`
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
const { startEmulator } = require("pulumi-directmail/emulator");
const path = require("path");
const fs = require("fs");

(async () => {
  const emulator = await startEmulator({ domains: ["consumer.example.com"] });
  const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "consumer-state-"));
  fs.mkdirSync(path.join(dir, "state"));
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(process.env.PULUMI_BIN_DIR) });
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: "consumer", stackName: "dev", program: async () => require("./index.js").main() },
    {
      pulumiCommand,
      pulumiHome: path.join(dir, "home"),
      projectSettings: { name: "consumer", runtime: "nodejs", main: __dirname, backend: { url: "file://" + path.join(dir, "state") } },
      envVars: {
        PULUMI_BACKEND_URL: "file://" + path.join(dir, "state"),
        ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKey.id,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKey.secret,
      },
    },
  );
  await stack.setConfig("directmail:endpoint", { value: emulator.url });
  const up = await stack.up();
  const afterUp = emulator.model.allAddresses().map((a) => a.accountName);
  const state = await stack.exportStack();
  const resource = state.deployment.resources.find((r) => r.type === "pulumi-nodejs:dynamic/directmail:MailAddress");
  const refresh = await stack.refresh();
  await stack.destroy();
  const afterDestroy = emulator.model.allAddresses().length;
  await emulator.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({
    outputs: Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value])),
    afterUp,
    afterDestroy,
    refreshChanges: refresh.summary.resourceChanges,
    providerSize: resource.outputs.__provider.length,
    providerLoadsByName: resource.outputs.__provider.includes('require("pulumi-directmail/runtime")'),
  }));
})().catch((err) => { console.error(err); process.exit(1); });
`;

const PROGRAM = String.raw`
const { MailAddress } = require("pulumi-directmail");
exports.main = () => {
  const sender = new MailAddress("sender", { accountName: "noreply@consumer.example.com", sendtype: "trigger", password: "COnsumer123" });
  return { id: sender.mailAddressId, smtpUser: sender.smtpUsername };
};
`;

const work = mkdtempSync(join(tmpdir(), "pulumi-directmail-consumer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("the packed package works in another project that installs it", () => {
  execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  expect(tarball).toBeDefined();

  const project = join(work, "project");
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", join(work, tarball as string), "@pulumi/pulumi@3.248.0"],
    { cwd: project, stdio: ["ignore", "ignore", "inherit"] },
  );
  writeFileSync(join(project, "index.js"), PROGRAM);
  writeFileSync(join(project, "driver.js"), DRIVER);

  const out = execFileSync(process.execPath, ["driver.js"], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, ...OFFLINE_ENV, PULUMI_BIN_DIR: pulumiBinDir(), NODE_PATH: "" },
  });
  const result = JSON.parse(out.trim().split("\n").pop() as string);
  expect(result.outputs).toEqual({ id: expect.stringMatching(/^\d+$/), smtpUser: "noreply@consumer.example.com" });
  expect(result.afterUp).toEqual(["noreply@consumer.example.com"]);
  expect(result.refreshChanges).not.toHaveProperty("update");
  expect(result.afterDestroy).toBe(0);
  expect(result.providerLoadsByName).toBe(true);
  expect(result.providerSize).toBeLessThan(4_000);

  // The package's command, as a user runs it.
  const help = execFileSync("npx", ["--no-install", "directmail-emulator", "--help"], { cwd: project, encoding: "utf8" });
  expect(help).toContain("directmail-emulator: a local Alibaba Cloud DirectMail");
  process.stdout.write(`consumer project: serialized provider ${result.providerSize} characters\n`);
});
