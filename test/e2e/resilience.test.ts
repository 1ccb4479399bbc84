import { MailAddress } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/** Failures half-way through: nothing is lost, nothing is made twice, nothing is orphaned. */

let d: Deployment;
beforeEach(async () => {
  d = await deploy();
});
afterEach(async () => {
  d.emulator.faults.clear();
  await d.destroy();
  expect(d.emulator.inspect.allAddresses()).toEqual([]);
  await d.close();
});

const declare = (password?: string) => async () => {
  const a = new MailAddress("resilient", { accountName: "resilient@example.com", sendtype: "trigger", password });
  return { id: a.mailAddressId };
};

test("a create whose answer was lost adopts the address it made instead of failing or making two", async () => {
  d.emulator.faults.next("commit-then-drop", "CreateMailAddress");
  d.setProgram(declare("REsilient12"));
  const up = await d.up();
  expect(d.emulator.faults.injected["commit-then-drop"]).toBe(1);
  const stored = d.emulator.inspect.allAddresses();
  expect(stored).toHaveLength(1);
  expect(up.outputs.id.value).toBe(String(stored[0].id));
  expect(stored[0].passwordHash).toBeDefined();
  // The look-up after the lost answer found the address: it was not sent again.
  expect(d.emulator.requests.filter((r) => r.action === "CreateMailAddress").map((r) => r.code ?? r.status)).toEqual([
    "committed-then-dropped",
  ]);
});

test("a password change whose answer was lost is not reported as a failure", async () => {
  d.setProgram(declare("REsilient12"));
  await d.up();
  d.emulator.faults.next("commit-then-drop", "ModifyMailAddress");
  d.setProgram(declare("REsilient34"));
  const up = await d.up();
  expect(changes(up.summary)).toEqual({ update: 1 });
  expect(d.emulator.requests.filter((r) => r.action === "ModifyMailAddress").map((r) => r.code ?? r.status)).toEqual([
    200,
    "committed-then-dropped",
    "InvalidPassword.equalcurrent",
  ]);
});

test("if setting the password fails after the address exists, the address is kept in state and the next up finishes", async () => {
  // A failure that is not retried (a gateway's 404), so that the test does not wait out eight attempts.
  d.emulator.faults.next("wrong-endpoint", "ModifyMailAddress");
  d.setProgram(declare("REsilient12"));
  await expect(d.up()).rejects.toThrow(/was created \(id \d+\) and is recorded in the stack/);
  const stored = d.emulator.inspect.allAddresses();
  expect(stored).toHaveLength(1);
  expect(stored[0].passwordHash).toBeUndefined();
  // Recorded, not orphaned: the state knows the id.
  expect(d.stateFile()).toMatch(new RegExp(`"mailAddressId":\\s*"${stored[0].id}"`));
  expect(d.stateFile()).toContain("initErrors");

  const up = await d.up();
  expect(changes(up.summary)).toEqual({ update: 1 });
  expect(d.emulator.inspect.allAddresses()).toHaveLength(1);
  expect(d.emulator.inspect.allAddresses()[0].passwordHash).toBeDefined();
});

test("throttling and transient faults during up are ridden out", async () => {
  d.emulator.faults.configure({ rates: { throttle: 0.3, unavailable: 0.1, drop: 0.05 }, seed: 7 });
  d.setProgram(async () => {
    const ids: Record<string, unknown> = {};
    for (let i = 0; i < 6; i++) {
      ids[`a${i}`] = new MailAddress(`a${i}`, { accountName: `burst${i}@example.com`, sendtype: "batch" }).mailAddressId;
    }
    return ids;
  });
  const up = await d.up();
  expect(changes(up.summary)).toEqual({ create: 7 });
  expect(d.emulator.inspect.allAddresses()).toHaveLength(6);
  const injected = Object.values(d.emulator.faults.injected).reduce((a, b) => a + b, 0);
  expect(injected).toBeGreaterThan(0);
  d.emulator.faults.clear();
});
