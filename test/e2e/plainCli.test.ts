import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineEnv, pulumiBinDir, REPO } from "../../scripts/localEngine";

/**
 * The root Pulumi.yaml run the way a user runs it: plain `pulumi` commands, no
 * Automation API, through the Node.js language host that stands in for the Go
 * one, with the embedded emulator (the project's default endpoint).
 */

const dir = mkdtempSync(join(tmpdir(), "plain-cli-"));
const stack = `plain-${process.pid}`;
const emulatorState = join(dir, "emulator.json");
const env = { ...process.env, ...engineEnv(dir), PATH: `${pulumiBinDir()}:${process.env.PATH}` };

function pulumi(...args: string[]): string {
  return execFileSync("pulumi", [...args, "--stack", stack, "--non-interactive"], { cwd: REPO, env, encoding: "utf8" });
}

const addresses = () =>
  (JSON.parse(readFileSync(emulatorState, "utf8")) as { regions: Record<string, { addresses: Array<{ accountName: string }> }> }).regions[
    "cn-hangzhou"
  ].addresses.map((a) => a.accountName);

beforeAll(() => {
  mkdirSync(join(dir, "state"));
  execFileSync("pulumi", ["stack", "init", stack, "--non-interactive"], { cwd: REPO, env });
  pulumi("config", "set", "directmail:emulatorState", emulatorState);
  pulumi("config", "set", "--path", "senders[0].accountName", "cli@example.com");
  pulumi("config", "set", "--path", "senders[0].sendtype", "trigger");
  pulumi("config", "set", "--path", "senders[0].notifyUrl", "https://hooks.example.com/cli");
  pulumi("config", "set", "--secret", "--path", 'passwords["cli@example.com"]', "CLipass1234");
});

afterAll(() => {
  try {
    pulumi("stack", "rm", "--yes", "--force");
  } finally {
    rmSync(join(REPO, `Pulumi.${stack}.yaml`), { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

test("pulumi up deploys the program in Pulumi.yaml", () => {
  const out = pulumi("up", "--yes");
  expect(out).toContain("+ 3 created");
  expect(addresses()).toEqual(["cli@example.com"]);
  const outputs = JSON.parse(pulumi("stack", "output", "--json"));
  expect(outputs.senders["cli@example.com"]).toMatchObject({ smtpUsername: "cli@example.com", smtpPassword: "[secret]" });
});

test("preview and refresh find nothing to change", () => {
  pulumi("preview", "--expect-no-changes");
  pulumi("refresh", "--yes", "--expect-no-changes");
});

test("no password in plaintext in the backend", () => {
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)]));
  for (const file of files(join(dir, "state"))) expect(readFileSync(file, "utf8")).not.toContain("CLipass1234");
});

test("pulumi destroy empties the embedded account", () => {
  pulumi("destroy", "--yes");
  expect(addresses()).toEqual([]);
});
