import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RunningEmulator, startEmulator } from "../../emulator";
import { CliStack, initCliStack, PulumiCommandError, REPO } from "../../scripts/localEngine";
import { account } from "../support/account";
import { scratchDir } from "../support/scratch";

/**
 * What a person reads when something fails: plain `pulumi` commands on the
 * quickstart example, their printed output asserted. Each failure is said by
 * the engine where it shows a resource's errors (its status line, live and
 * final, and Diagnostics) and nowhere else: no stderr copy on the stack, no
 * stack trace into the package's sources, no random port of the embedded
 * emulator, no string to sign.
 */

const QUICKSTART = join(REPO, "examples", "quickstart");
const home = scratchDir("messages-home");

/** The output of a pulumi command that must fail. */
function failing(stack: CliStack, ...args: string[]): string {
  try {
    stack.pulumi(...args);
  } catch (err) {
    if (err instanceof PulumiCommandError) return err.output;
    throw err;
  }
  throw new Error(`pulumi ${args.join(" ")} succeeded`);
}

/** The same, leaving the event loop free: the emulator that answers it runs in this process. */
async function failingInBackground(stack: CliStack, ...args: string[]): Promise<string> {
  const err = await stack.pulumiInBackground(...args).then(
    () => new Error(`pulumi ${args.join(" ")} succeeded`),
    (e: unknown) => e,
  );
  if (err instanceof PulumiCommandError) return err.output;
  throw err;
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** Nothing but the message: the engine's status line (live and final) and Diagnostics carry it, three times in all. */
function expectOneMessage(output: string, message: string): void {
  expect(count(output, message)).toBe(3);
  expect(output).not.toMatch(/DirectMail\w*Error:/); // the stderr copy: the class name before the message
  expect(output).not.toMatch(/^\s+at /m); // stack frames
  expect(output).not.toMatch(/\.ts:\d+/);
}

describe("on the embedded emulator", () => {
  let stack: CliStack;
  beforeAll(() => {
    stack = initCliStack(QUICKSTART, `messages-${process.pid}`);
    stack.pulumi("config", "set", "--secret", "smtpPassword", "Quick5tart9Pw");
  });
  afterAll(() => stack.remove());

  test("a refused create: once per place, naming the embedded emulator by its state file, not its port", () => {
    stack.pulumi("config", "set", "accountName", "noreply@unknown.net");
    const output = failing(stack, "up", "--yes");
    expectOneMessage(output, 'DirectMail CreateMailAddress failed: the domain "unknown.net"');
    expect(output).toContain(`from the embedded emulator (state file ${stack.emulatorState})]`);
    expect(output).not.toMatch(/127\.0\.0\.1:\d+/);
    stack.pulumi("config", "rm", "accountName");
  });

  test("a refused delete: no stderr copy with a stack trace on the stack", () => {
    stack.pulumi("up", "--yes");
    const state = account(stack.emulatorState);
    state.regions["cn-hangzhou"].addresses[0].accountStatus = 1; // frozen, as only the console can
    writeFileSync(stack.emulatorState, JSON.stringify(state));
    const output = failing(stack, "destroy", "--yes");
    expectOneMessage(output, "DirectMail DeleteMailAddress failed: the sender address id");
    expect(output).toContain("is frozen");
    state.regions["cn-hangzhou"].addresses[0].accountStatus = 0;
    writeFileSync(stack.emulatorState, JSON.stringify(state));
    stack.pulumi("destroy", "--yes");
  });
});

describe("on a service", () => {
  let dm: RunningEmulator;
  beforeAll(async () => {
    dm = await startEmulator({ domains: ["example.com", "example.org"], accessKeys: [{ id: "LTAIexample", secret: "right-secret" }] });
  });
  afterAll(() => dm.stop());

  test("SignatureDoesNotMatch names the key id and the variables it came from, without the string to sign", async () => {
    const stack = initCliStack(QUICKSTART, `messages-sig-${process.pid}`, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIexample",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-secret-4242",
    });
    try {
      stack.pulumi("config", "set", "directmail:endpoint", dm.url);
      stack.pulumi("config", "set", "--secret", "smtpPassword", "Quick5tart9Pw");
      const output = await failingInBackground(stack, "up", "--yes");
      expectOneMessage(output, "the access key secret does not belong to the access key id");
      expect(output).toContain(
        "(access key id LTAIexample, from the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET)",
      );
      expect(output).not.toMatch(/string to sign/i);
      expect(output).not.toContain("wrong-secret-4242");
    } finally {
      stack.remove();
    }
  });

  test("no credentials anywhere: the message names every place looked and the embedded emulator", async () => {
    // A home with no Alibaba CLI profile, whatever this machine has.
    const stack = initCliStack(QUICKSTART, `messages-none-${process.pid}`, { HOME: home });
    const before = dm.requests.length;
    try {
      stack.pulumi("config", "set", "directmail:endpoint", dm.url);
      stack.pulumi("config", "set", "--secret", "smtpPassword", "Quick5tart9Pw");
      const output = await failingInBackground(stack, "up", "--yes");
      expectOneMessage(output, "no DirectMail credentials found. Looked in: explicit configuration");
      expect(output).toContain("use the built-in emulator: pulumi config set directmail:endpoint embedded");
      expect(dm.requests).toHaveLength(before);
    } finally {
      stack.remove();
    }
  });
});

test("a look-up that fails in the program: its message, not an unhandled exception with a stack trace", () => {
  // examples/adopt-existing looks the address up in the program (getMailAddress) before declaring it.
  const stack = initCliStack(join(REPO, "examples", "adopt-existing"), `messages-lookup-${process.pid}`, { HOME: home });
  try {
    stack.pulumi("config", "set", "directmail:endpoint", "http://127.0.0.1:9");
    const output = failing(stack, "preview");
    // Once live, once under Diagnostics: the engine's two places for the stack's error.
    expect(count(output, "no DirectMail credentials found. Looked in:")).toBe(2);
    expect(output).toContain("use the built-in emulator: pulumi config set directmail:endpoint embedded");
    expect(output).not.toContain("unhandled exception");
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/\.ts:\d+/);
  } finally {
    stack.remove();
  }
});
