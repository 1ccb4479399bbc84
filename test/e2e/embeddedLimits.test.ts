import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MailAddress } from "../../provider";
import type { PersistedState } from "../../emulator";
import { createLocalStack, LocalStack } from "../../scripts/localEngine";
import { changes } from "../support/engine";
import { scratchDir } from "../support/scratch";

/**
 * A local loop of up and destroy on the embedded emulator must not run into
 * DirectMail's monthly deletion limit (10) unless the stack asks for it. Five
 * rounds of two senders use up ten deletions; the test writes that count into
 * the state file (the wire test embeddedLimits runs the six rounds themselves)
 * and runs the sixth round through the engine.
 */

let local: LocalStack;
const statePath = join(scratchDir("embedded-limits"), "emulator.json");

/** The month's deletions in cn-hangzhou, set as five rounds of two senders leave them. */
function setDeletions(count: number): void {
  const state = JSON.parse(readFileSync(statePath, "utf8")) as PersistedState;
  state.regions["cn-hangzhou"].deletions = { month: new Date().toISOString().slice(0, 7), count };
  writeFileSync(statePath, JSON.stringify(state));
}

beforeAll(async () => {
  local = await createLocalStack({
    projectName: "embedded-limits",
    program: async () => {
      new MailAddress("one", { accountName: "one@example.com", sendtype: "trigger" });
      new MailAddress("two", { accountName: "two@example.org", sendtype: "batch" });
    },
    config: { "directmail:endpoint": { value: "embedded" }, "directmail:emulatorState": { value: statePath } },
  });
});
afterAll(() => local.cleanup());

test("the sixth up/destroy round of two senders succeeds: no deletion limit unless asked for", async () => {
  expect(changes((await local.stack.up()).summary)).toEqual({ create: 3 });
  expect(changes((await local.stack.destroy()).summary)).toEqual({ delete: 3 });
  setDeletions(10);
  expect(changes((await local.stack.up()).summary)).toEqual({ create: 3 });
  expect(changes((await local.stack.destroy()).summary)).toEqual({ delete: 3 });
});

test("with directmail:emulator.monthlyDeleteLimit 10 the limit is enforced; without it (and an up) the destroy converges", async () => {
  await local.stack.setConfig("directmail:emulator.monthlyDeleteLimit", { value: "10" }, true);
  await local.stack.up();
  setDeletions(10);
  await expect(local.stack.destroy()).rejects.toThrow(/InvalidMailAddressDeleteLimit\.Exceeded/);
  // A destroy configures the provider as the last up recorded it: the setting goes away with an up.
  await local.stack.removeConfig("directmail:emulator.monthlyDeleteLimit", true);
  expect(changes((await local.stack.up()).summary)).toEqual({});
  await local.stack.destroy();
  const state = JSON.parse(readFileSync(statePath, "utf8")) as PersistedState;
  expect(state.regions["cn-hangzhou"].addresses).toEqual([]);
});
