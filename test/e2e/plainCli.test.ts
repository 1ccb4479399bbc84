import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CliStack, initCliStack, REPO } from "../../scripts/localEngine";
import { addresses } from "../support/account";

/**
 * The root Pulumi.yaml run the way a user runs it: plain `pulumi` commands, no
 * Automation API, through the Node.js language host that stands in for the Go
 * one, with the embedded emulator (the project's default endpoint).
 */

let stack: CliStack;
const names = () => addresses(stack.emulatorState).map((a) => a.accountName);

beforeAll(() => {
  stack = initCliStack(REPO, `plain-${process.pid}`);
  stack.pulumi("config", "set", "--path", "senders[0].accountName", "cli@example.com");
  stack.pulumi("config", "set", "--path", "senders[0].sendtype", "trigger");
  stack.pulumi("config", "set", "--path", "senders[0].notifyUrl", "https://hooks.example.com/cli");
  stack.pulumi("config", "set", "--secret", "--path", 'passwords["cli@example.com"]', "CLipass1234");
});

afterAll(() => stack.remove());

test("pulumi up deploys the program in Pulumi.yaml", () => {
  const out = stack.pulumi("up", "--yes");
  expect(out).toContain("+ 3 created");
  expect(names()).toEqual(["cli@example.com"]);
  const outputs = JSON.parse(stack.pulumi("stack", "output", "--json"));
  expect(outputs.senders["cli@example.com"]).toMatchObject({ smtpUsername: "cli@example.com", smtpPassword: "[secret]" });
});

test("preview and refresh find nothing to change", () => {
  stack.pulumi("preview", "--expect-no-changes");
  stack.pulumi("refresh", "--yes", "--expect-no-changes");
});

test("no password in plaintext in the backend", () => {
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)]));
  for (const file of files(join(dirname(stack.emulatorState), "state"))) expect(readFileSync(file, "utf8")).not.toContain("CLipass1234");
});

test("pulumi destroy empties the embedded account", () => {
  stack.pulumi("destroy", "--yes");
  expect(names()).toEqual([]);
});
