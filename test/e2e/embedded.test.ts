import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { keyFileFor } from "../../emulator";
import { MailAddress } from "../../provider";
import { createLocalStack, LocalStack } from "../../scripts/localEngine";
import { changes } from "../support/engine";
import { scratchDir } from "../support/scratch";

/**
 * `directmail:endpoint: embedded`: no account, no emulator to start by hand.
 * The provider process runs the emulator itself; each pulumi command is a new
 * provider process, so the emulator's state file carries the account between them.
 */

let local: LocalStack;
const statePath = join(scratchDir("embedded"), "emulator.json");
const stored = () => {
  const state = JSON.parse(readFileSync(statePath, "utf8")) as { regions: Record<string, { addresses: Array<{ accountName: string }> }> };
  return Object.values(state.regions)
    .flatMap((r) => r.addresses.map((a) => a.accountName))
    .sort();
};

beforeAll(async () => {
  local = await createLocalStack({
    projectName: "embedded",
    program: async () => {
      const a = new MailAddress("a", { accountName: "one@example.com", sendtype: "trigger", password: "EMbedded123" });
      const b = new MailAddress("b", { accountName: "two@example.org", sendtype: "batch", replyAddress: "r@example.org" });
      return { a: a.mailAddressId, b: b.replyAddressStatus };
    },
    config: {
      "directmail:endpoint": { value: "embedded" },
      "directmail:emulatorState": { value: statePath },
    },
    // Real-looking credentials in the environment must not be sent to the embedded emulator.
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIrealkey", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "real-secret-not-for-emulators" },
  });
});
afterAll(() => local.cleanup());

test("up creates the addresses in the embedded emulator's account", async () => {
  const up = await local.stack.up();
  expect(changes(up.summary)).toEqual({ create: 3 });
  expect(up.outputs.a.value).toMatch(/^\d+$/);
  expect(stored()).toEqual(["one@example.com", "two@example.org"]);
});

test("the emulator's own key is kept 0600 beside its state file, and is in neither its state nor the stack's", async () => {
  const keyFile = keyFileFor(statePath);
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  const secret = readFileSync(keyFile, "utf8").trim().split("\n").pop()?.split(":").slice(1).join(":") ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(40);
  expect(readFileSync(statePath, "utf8")).not.toContain(secret);
  expect(JSON.stringify(await local.stack.exportStack())).not.toContain(secret);
});

test("the account outlives the provider process: the next commands see the same addresses", async () => {
  expect(changes((await local.stack.up()).summary)).toEqual({});
  expect(changes((await local.stack.refresh()).summary)).toEqual({});
});

test("destroy empties the account", async () => {
  await local.stack.destroy();
  expect(stored()).toEqual([]);
});
