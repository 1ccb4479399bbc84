import * as $Dm from "@alicloud/dm20151123";
import { MailAddress } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/** `pulumi import` cannot work for dynamic resources, so existing addresses are taken over with `adopt`. */

let d: Deployment;
let existingId: string;
beforeAll(async () => {
  d = await deploy();
  const created = await d
    .officialSdk()
    .createMailAddress(
      new $Dm.CreateMailAddressRequest({ accountName: "legacy@example.com", sendtype: "batch", replyAddress: "old@example.org" }),
    );
  existingId = String(created.body?.mailAddressId);
});
afterAll(() => d.close());

test("without adopt, an existing address is a clear conflict that names the fix", async () => {
  d.setProgram(async () => {
    new MailAddress("legacy", { accountName: "legacy@example.com", sendtype: "batch" });
    return {};
  });
  await expect(d.up()).rejects.toThrow(/already exists in cn-hangzhou; set adopt: true to take it over/);
  expect(d.emulator.inspect.allAddresses()).toHaveLength(1);
});

test("a sendtype that does not match the existing address is refused, not silently replaced", async () => {
  d.setProgram(async () => {
    new MailAddress("legacy", { accountName: "legacy@example.com", sendtype: "trigger", adopt: true });
    return {};
  });
  await expect(d.up()).rejects.toThrow(/has sendtype "batch", but the program declares "trigger"/);
});

test("adopt takes the address over, keeps its id and applies what the program declares", async () => {
  // Someone already set the very password the program declares: that is the goal, not an error,
  // and the reply address (refused with it in one request) must still be applied.
  await d.officialSdk().modifyMailAddress(new $Dm.ModifyMailAddressRequest({ mailAddressId: Number(existingId), password: "ADopted1234" }));
  d.setProgram(async () => {
    const a = new MailAddress("legacy", {
      accountName: "legacy@example.com",
      sendtype: "batch",
      adopt: true,
      replyAddress: "new@example.org",
      password: "ADopted1234",
    });
    return { id: a.mailAddressId, adopted: a.adopted };
  });
  const up = await d.up();
  expect(changes(up.summary)).toEqual({ create: 1 });
  expect(up.outputs.id.value).toBe(existingId);
  expect(up.outputs.adopted.value).toBe(true);
  const stored = d.emulator.inspect.allAddresses();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ replyAddress: "new@example.org" });
  expect(stored[0].passwordHash).toBeDefined();
  expect(d.emulator.requests.filter((r) => r.action === "CreateMailAddress" && r.status === 200)).toHaveLength(1); // only the SDK's
  expect(d.emulator.requests.filter((r) => r.action === "ModifyMailAddress").map((r) => r.code ?? r.status)).toEqual([
    200, // the SDK's password
    "InvalidPassword.equalcurrent",
    200, // the reply address, alone
  ]);
});

test("once adopted, it is managed: destroy deletes it", async () => {
  await d.destroy();
  expect(d.emulator.inspect.allAddresses()).toEqual([]);
});

test("adopting an address whose reply address is already the declared one and verified sends no verification mail", async () => {
  const created = await d
    .officialSdk()
    .createMailAddress(
      new $Dm.CreateMailAddressRequest({ accountName: "kept@example.com", sendtype: "batch", replyAddress: "kept@example.org" }),
    );
  const id = String(created.body?.mailAddressId);
  await d.officialSdk().checkReplyToMailAddress(new $Dm.CheckReplyToMailAddressRequest({ mailAddressId: Number(id) }));
  await d
    .officialSdk()
    .approveReplyMailAddress(
      new $Dm.ApproveReplyMailAddressRequest({ ticket: d.emulator.sentMail[d.emulator.sentMail.length - 1].ticket }),
    );
  const mails = d.emulator.sentMail.length;
  d.setProgram(async () => {
    const a = new MailAddress("kept", {
      accountName: "kept@example.com",
      sendtype: "batch",
      replyAddress: "kept@example.org",
      verifyReplyAddress: true,
      adopt: true,
    });
    return { status: a.replyAddressStatus };
  });
  const up = await d.up();
  expect(up.outputs.status.value).toBe("verified");
  expect(d.emulator.sentMail).toHaveLength(mails);
  await d.destroy();
});
