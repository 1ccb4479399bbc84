import * as pulumi from "@pulumi/pulumi";
import { COVERING_DIALECTS } from "../../emulator/dialect";
import { DirectMailClient } from "../../client";
import { MailAddress } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";
import { clientOf } from "../support/emulator";

/**
 * The provider's lifecycle and its fault handling under each plausible variant
 * of what the docs leave open. Three configurations cover every value of every
 * switch; the one that matters most is a password change whose answer is lost.
 */

describe.each(COVERING_DIALECTS)("under %s", (_label, dialect) => {
  let d: Deployment;
  let client: DirectMailClient;
  const program = (p: { password: string; reply: string; sendtype: "batch" | "trigger" }) => async () => {
    const a = new MailAddress("a0", {
      accountName: "a0@example.com",
      sendtype: "batch",
      password: pulumi.secret(p.password),
      replyAddress: p.reply,
    });
    const b = new MailAddress("a1", { accountName: "a1@example.com", sendtype: p.sendtype, password: pulumi.secret("SEcond12345") });
    return { a: a.mailAddressId, b: b.mailAddressId };
  };
  beforeAll(async () => {
    d = await deploy({ projectName: `dialect-${dialect.passwordRepeat}`, emulator: { dialect } });
    client = clientOf(d.emulator);
  });
  afterAll(async () => {
    await client.close();
    await d.close();
  });

  test("up creates both addresses", async () => {
    d.setProgram(program({ password: "FIrst123456", reply: "r1@example.org", sendtype: "batch" }));
    expect(changes((await d.up()).summary)).toEqual({ create: 3 });
  });

  test("a password change whose answer was lost is done, and does not wedge the stack", async () => {
    d.emulator.faults.next("commit-then-drop", "ModifyMailAddress");
    d.setProgram(program({ password: "NExt1234567", reply: "r1@example.org", sendtype: "batch" }));
    expect(changes((await d.up()).summary)).toEqual({ update: 1 });
    expect(d.emulator.faults.injected["commit-then-drop"]).toBe(1);
    // The lost attempt did set the password: the repeat was refused as a repeat, whichever way the service words that.
    const modifies = d.emulator.requests.filter((r) => r.action === "ModifyMailAddress").map((r) => r.code ?? r.status);
    expect(modifies.slice(-2)).toEqual(["committed-then-dropped", expect.stringMatching(/^Invalid(Domain)?Password\./)]);
    expect(changes((await d.up()).summary)).toEqual({});
  });

  test("a password the service already has (set by hand): done where the service says so, else a message that claims no broken rule", async () => {
    const a0 = await client.findMailAddressByName("a0@example.com");
    await client.modifyMailAddress({ mailAddressId: a0!.mailAddressId, password: "HAnd1234567" });
    d.setProgram(program({ password: "HAnd1234567", reply: "r1@example.org", sendtype: "batch" }));
    if (dialect.passwordRepeat === "malformed") {
      const err = await d.up().catch((e: Error) => e);
      expect(String(err)).toContain(
        "keeps every documented password rule, so the service takes it for the current or the previous password",
      );
      expect(String(err)).not.toContain("HAnd1234567");
    } else {
      expect(changes((await d.up()).summary)).toEqual({ update: 1 });
    }
    d.setProgram(program({ password: "AFter123456", reply: "r1@example.org", sendtype: "batch" }));
    expect(changes((await d.up()).summary)).toEqual({ update: 1 });
  });

  test("a reply-address change rides out throttling", async () => {
    d.emulator.faults.next("throttle", "ModifyMailAddress");
    d.setProgram(program({ password: "AFter123456", reply: "r2@example.org", sendtype: "batch" }));
    expect(changes((await d.up()).summary)).toEqual({ update: 1 });
    expect((await client.findMailAddressByName("a0@example.com"))?.replyAddress).toBe("r2@example.org");
  });

  test("a sendtype change replaces, deleting first", async () => {
    d.setProgram(program({ password: "AFter123456", reply: "r2@example.org", sendtype: "trigger" }));
    expect(changes((await d.up()).summary)).toEqual({ replace: 1 });
    expect((await client.findMailAddressByName("a1@example.com"))?.sendtype).toBe("trigger");
  });

  test("drift made by hand is found by refresh and put right by up", async () => {
    const a0 = await client.findMailAddressByName("a0@example.com");
    await client.modifyMailAddress({ mailAddressId: a0!.mailAddressId, replyAddress: "hand@example.org" });
    expect(changes((await d.refresh()).summary)).toEqual({ update: 1 });
    expect(changes((await d.up()).summary)).toEqual({ update: 1 });
    expect((await client.findMailAddressByName("a0@example.com"))?.replyAddress).toBe("r2@example.org");
  });

  test("destroy empties the account", async () => {
    await d.destroy();
    expect(d.emulator.inspect.allAddresses()).toEqual([]);
  });
});
