import * as $Dm from "@alicloud/dm20151123";
import { MailAddress } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/**
 * One stack through its whole life under the real engine, against the
 * emulator: create, no-op, update in place, replace, drift put right,
 * out-of-band deletion, destroy.
 */

const PASSWORDS = { alpha: "ALphaPass12", alpha2: "ALphaPass34", beta: "BEtaPass56" };

interface Shape {
  alphaPassword: string;
  alphaReply: string;
  betaSendtype: "batch" | "trigger";
  withGamma: boolean;
}

function program(shape: Shape) {
  return async () => {
    const alpha = new MailAddress("alpha", {
      accountName: "Alpha@example.com",
      sendtype: "trigger",
      password: shape.alphaPassword,
      replyAddress: shape.alphaReply,
    });
    const beta = new MailAddress("beta", { accountName: "beta@example.com", sendtype: shape.betaSendtype, password: PASSWORDS.beta });
    const gamma = shape.withGamma ? new MailAddress("gamma", { accountName: "gamma@example.com", sendtype: "batch" }) : undefined;
    return {
      alphaId: alpha.mailAddressId,
      alphaReply: alpha.replyAddress,
      alphaReplyStatus: alpha.replyAddressStatus,
      alphaAccount: alpha.accountName,
      alphaSmtp: alpha.smtpHost,
      betaId: beta.mailAddressId,
      betaSendtype: beta.sendtype,
      gammaId: gamma?.mailAddressId,
    };
  };
}

const initial: Shape = { alphaPassword: PASSWORDS.alpha, alphaReply: "reply@example.org", betaSendtype: "trigger", withGamma: true };

let d: Deployment;
beforeAll(async () => {
  d = await deploy();
});
afterAll(async () => {
  await d.close();
});

const byName = (name: string) => d.emulator.inspect.allAddresses().find((a) => a.accountName === name);

test("1. up creates every address with what was declared", async () => {
  d.setProgram(program(initial));
  const up = await d.up();
  expect(changes(up.summary)).toEqual({ create: 4 }); // three addresses and the stack
  expect(up.outputs.alphaAccount.value).toBe("alpha@example.com");
  expect(up.outputs.alphaReplyStatus.value).toBe("unverified");
  expect(up.outputs.alphaSmtp.value).toBe("smtpdm.aliyun.com");
  const stored = d.emulator.inspect.allAddresses().map((a) => [a.accountName, a.sendtype, a.replyAddress, !!a.passwordHash]);
  expect(stored.sort()).toEqual([
    ["alpha@example.com", "trigger", "reply@example.org", true],
    ["beta@example.com", "trigger", "", true],
    ["gamma@example.com", "batch", "", false],
  ]);
});

test("2. a second up changes nothing and sends no mutating call", async () => {
  const before = d.emulator.mutatingRequests().length;
  const preview = await d.preview();
  expect(changes(preview.changeSummary)).toEqual({});
  const up = await d.up();
  expect(changes(up.summary)).toEqual({});
  expect(d.emulator.mutatingRequests().length).toBe(before);
});

test("3. a password and reply-address change update in place", async () => {
  const id = byName("alpha@example.com")?.id;
  d.setProgram(program({ ...initial, alphaPassword: PASSWORDS.alpha2, alphaReply: "new-reply@example.org" }));
  const up = await d.up();
  expect(changes(up.summary)).toEqual({ update: 1 });
  expect(byName("alpha@example.com")).toMatchObject({ id, replyAddress: "new-reply@example.org", replyStatus: 1 });
  const modifies = d.emulator.mutatingRequests().filter((r) => r.action === "ModifyMailAddress");
  expect(modifies.length).toBe(3); // two at create (alpha, beta passwords) and one now, carrying both changes
});

test("4. a sendtype change replaces the address without a duplicate-address error", async () => {
  const oldId = byName("beta@example.com")?.id;
  const current = { ...initial, alphaPassword: PASSWORDS.alpha2, alphaReply: "new-reply@example.org" };
  d.setProgram(program({ ...current, betaSendtype: "batch" }));
  const up = await d.up();
  expect(changes(up.summary)).toEqual({ replace: 1 });
  const beta = byName("beta@example.com");
  expect(beta?.sendtype).toBe("batch");
  expect(beta?.id).not.toBe(oldId);
  expect(up.outputs.betaId.value).toBe(String(beta?.id));
  expect(d.emulator.inspect.allAddresses().filter((a) => a.accountName === "beta@example.com")).toHaveLength(1);
  expect(d.emulator.requests.some((r) => r.code === "InvalidMailAddressName.Duplicate")).toBe(false);
});

const settled: Shape = { alphaPassword: PASSWORDS.alpha2, alphaReply: "new-reply@example.org", betaSendtype: "batch", withGamma: true };

test("5. a reply address changed by hand is reported by refresh and put right by up", async () => {
  const alphaId = byName("alpha@example.com")?.id as number;
  await d
    .officialSdk()
    .modifyMailAddress(new $Dm.ModifyMailAddressRequest({ mailAddressId: alphaId, replyAddress: "intruder@example.org" }));

  const refresh = await d.refresh();
  expect(changes(refresh.summary)).toEqual({ update: 1 });
  expect(d.stateFile()).toContain("intruder@example.org");

  const preview = await d.preview();
  expect(changes(preview.changeSummary)).toEqual({ update: 1 });
  d.setProgram(program(settled));
  const up = await d.up();
  expect(changes(up.summary)).toEqual({ update: 1 });
  expect(byName("alpha@example.com")?.replyAddress).toBe("new-reply@example.org");
  expect(up.outputs.alphaReply.value).toBe("new-reply@example.org");
});

test("6. an address deleted by hand is dropped by refresh and recreated by up", async () => {
  const gammaId = byName("gamma@example.com")?.id as number;
  await d.officialSdk().deleteMailAddress(new $Dm.DeleteMailAddressRequest({ mailAddressId: gammaId }));

  const refresh = await d.refresh();
  expect(changes(refresh.summary)).toEqual({ delete: 1 });
  expect(d.stateFile()).not.toContain('"gamma"');

  const up = await d.up();
  expect(changes(up.summary)).toEqual({ create: 1 });
  const gamma = byName("gamma@example.com");
  expect(gamma).toBeDefined();
  expect(gamma?.id).not.toBe(gammaId);
});

test("7. destroy leaves the account empty", async () => {
  const result = await d.destroy();
  expect(changes(result.summary)).toEqual({ delete: 4 });
  expect(d.emulator.inspect.allAddresses()).toEqual([]);
});

test("8. no password ever appeared in engine output or in the state file", () => {
  const everything = d.output.join("") + d.stateFile();
  for (const password of Object.values(PASSWORDS)) {
    expect(everything).not.toContain(password);
  }
});
