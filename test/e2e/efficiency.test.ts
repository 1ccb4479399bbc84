import * as pulumi from "@pulumi/pulumi";
import type { RequestTally } from "../../emulator";
import { MailAddress } from "../../provider";
import { deploy, Deployment } from "../support/engine";

/**
 * What ten addresses cost in API calls, against the emulator with DirectMail's
 * documented limits on: no read-back per address, one shared listing for a
 * refresh, and never a throttled request. Times are in `npm run bench`.
 */

const COUNT = 10;
let d: Deployment;
let seen = 0;

/** The requests since the last call, by action, and how many were throttled. */
function sinceLast(): RequestTally {
  const tally = d.emulator.inspect.tallyRequests(seen);
  seen = d.emulator.inspect.requests.length;
  return tally;
}

beforeAll(async () => {
  d = await deploy({ projectName: "efficiency" });
  d.setProgram(async () => {
    for (let i = 0; i < COUNT; i++) {
      new MailAddress(`a${i}`, {
        accountName: `sender${i}@example.com`,
        sendtype: "batch",
        password: pulumi.secret(`SEnder${i}pass42`),
        replyAddress: `replies${i}@example.org`,
      });
    }
  });
});
afterAll(() => d.close());

test("up of ten: a create and a password each, and shared listings for what only the service knows", async () => {
  await d.up();
  const calls = sinceLast();
  expect(calls.byAction.CreateMailAddress).toBe(COUNT);
  expect(calls.byAction.ModifyMailAddress).toBe(COUNT);
  // The rest is listings, shared: fewer than the addresses, none of them a read-back of its own. How many
  // depends on how the engine's waves of creates fall in time (two at best, more on a loaded machine:
  // a create that reaches the provider after a listing was sent needs the next one), so the count at
  // best is the benchmark's to show (docs/performance.md), not this test's.
  const { CreateMailAddress: _creates, ModifyMailAddress: _modifies, ...rest } = calls.byAction;
  expect(Object.keys(rest)).toEqual(["QueryMailAddressByParam"]);
  expect(rest.QueryMailAddressByParam).toBeLessThan(COUNT);
  expect(calls.throttled).toBe(0);
  // What only the service can say still reaches every resource's outputs.
  const state = await d.local.stack.exportStack();
  const outputs = (state.deployment.resources as Array<{ type: string; outputs: Record<string, unknown> }>)
    .filter((r) => r.type === "pulumi-nodejs:dynamic/directmail:MailAddress")
    .map((r) => r.outputs);
  expect(outputs).toHaveLength(COUNT);
  for (const o of outputs)
    expect(o).toMatchObject({ createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/), accountStatus: "normal" });
});

test("a no-change up and a preview call nothing", async () => {
  await d.up();
  await d.preview();
  expect(sinceLast().total).toBe(0);
});

test("refresh of ten is one listing, though the engine reads them in waves", async () => {
  await d.refresh();
  const calls = sinceLast();
  expect(Object.keys(calls.byAction)).toEqual(["QueryMailAddressByParam"]);
  expect(calls.total).toBe(1);
  expect(calls.throttled).toBe(0);
});

test("destroy of ten is ten deletes, none throttled", async () => {
  await d.destroy();
  const calls = sinceLast();
  expect(calls.byAction).toEqual({ DeleteMailAddress: COUNT });
  expect(calls.throttled).toBe(0);
  expect(d.emulator.inspect.allAddresses()).toEqual([]);
});
