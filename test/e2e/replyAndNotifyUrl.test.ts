import { MailAddress, MailAddressNotifyUrl } from "../../provider";
import { DirectMailClient } from "../../client";
import { changes, deploy, Deployment } from "../support/engine";
import { clientOf } from "../support/emulator";
import { DEFAULT_DIALECT } from "../../emulator";

/**
 * A sender's reply-address verification and its notify URL (MailAddressNotifyUrl),
 * driven step by step through the real engine (Automation API) against the emulator.
 */

function notifyAndVerify(options: { password: string; replyVerificationTicket?: string; notifyUrl?: string }) {
  const sender = new MailAddress("newsletter", {
    accountName: "newsletter@example.com",
    sendtype: "batch",
    password: options.password,
    replyAddress: "replies@example.org",
    verifyReplyAddress: true,
    verificationLanguage: "en",
    replyVerificationTicket: options.replyVerificationTicket,
  });
  const reports = new MailAddressNotifyUrl("newsletter-reports", {
    mailFrom: sender.accountName,
    notifyUrl: options.notifyUrl ?? "https://hooks.example.com/directmail/reports",
  });
  return { replyAddressStatus: sender.replyAddressStatus, notifyUrl: reports.notifyUrl };
}

describe("reply verification and the notify URL", () => {
  let d: Deployment;
  let client: DirectMailClient;
  beforeAll(async () => {
    d = await deploy({ projectName: "notify-and-verify" });
    client = clientOf(d.emulator);
  });
  afterAll(async () => {
    await client.close();
    await d.close();
  });
  const password = "NEwsletter12";
  const byName = () => d.emulator.inspect.allAddresses().find((a) => a.accountName === "newsletter@example.com");

  test("up sends the verification mail and sets the notify URL", async () => {
    d.setProgram(async () => notifyAndVerify({ password }));
    const up = await d.up();
    expect(up.outputs.replyAddressStatus.value).toBe("unverified");
    expect(up.outputs.notifyUrl.value).toBe("https://hooks.example.com/directmail/reports");
    expect(d.emulator.sentMail.map((m) => [m.to, m.lang])).toEqual([["replies@example.org", "en"]]);
    expect(await client.getMailAddressMsgCallBackUrl("newsletter@example.com")).toMatchObject({
      notifyUrl: "https://hooks.example.com/directmail/reports",
    });
    const again = await d.up();
    expect(changes(again.summary)).toEqual({});
    expect(d.emulator.sentMail).toHaveLength(1);
  });

  test("an approval made outside Pulumi is recorded by refresh, and asks for no update", async () => {
    const status = async () => {
      const state = await d.local.stack.exportStack();
      const resource = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/directmail:MailAddress");
      return resource.outputs.replyAddressStatus as string;
    };
    expect(await status()).toBe("unverified");
    await client.approveReplyMailAddress(d.emulator.sentMail[0].ticket);
    await d.refresh();
    // A service-side status is not an input, so this engine counts no "change"; the state is updated all the same.
    expect(await status()).toBe("verified");
    expect(changes((await d.preview()).changeSummary)).toEqual({});
  });

  test("a notify URL changed by hand is found by refresh and put back by up", async () => {
    await client.updateMailAddressMsgCallBackUrl({ mailFrom: "newsletter@example.com", notifyUrl: "https://elsewhere.example.net/x" });
    expect(changes((await d.refresh()).summary)).toEqual({ update: 1 });
    expect(changes((await d.up()).summary)).toEqual({ update: 1 });
    expect((await client.getMailAddressMsgCallBackUrl("newsletter@example.com")).notifyUrl).toBe(
      "https://hooks.example.com/directmail/reports",
    );
  });

  test("a new notify URL updates in place", async () => {
    d.setProgram(async () => notifyAndVerify({ password, notifyUrl: "https://hooks.example.com/v2" }));
    expect(changes((await d.up()).summary)).toEqual({ update: 1 });
    expect((await client.getMailAddressMsgCallBackUrl("newsletter@example.com")).notifyUrl).toBe("https://hooks.example.com/v2");
  });

  test("a ticket passed as input approves the reply address during up", async () => {
    // Make the address unverified again through a new reply address set by hand, then verify through Pulumi.
    await client.modifyMailAddress({ mailAddressId: String(byName()?.id), replyAddress: "temp@example.org" });
    await client.modifyMailAddress({ mailAddressId: String(byName()?.id), replyAddress: "replies@example.org" });
    await client.checkReplyToMailAddress({ mailAddressId: String(byName()?.id) });
    const ticket = d.emulator.sentMail[d.emulator.sentMail.length - 1].ticket;
    await d.refresh();
    d.setProgram(async () => notifyAndVerify({ password, notifyUrl: "https://hooks.example.com/v2", replyVerificationTicket: ticket }));
    const up = await d.up();
    expect(up.outputs.replyAddressStatus.value).toBe("verified");
    expect(byName()?.replyStatus).toBe(0);
    expect(JSON.stringify(d.stateFile())).not.toContain(ticket);
  });

  test("destroy clears the notify URL and deletes the address", async () => {
    await d.destroy();
    expect(d.emulator.inspect.allAddresses()).toEqual([]);
  });

  test("where the service refuses the callback actions, the error says so", async () => {
    const hidden = await deploy({ projectName: "notify-hidden", emulator: { callbackActions: false } });
    try {
      hidden.setProgram(async () => notifyAndVerify({ password }));
      await expect(hidden.up()).rejects.toThrow(
        /does not offer the action UpdateMailAddressMsgCallBackUrl \(DirectMail marks some actions as "not available now"\)/,
      );
      await hidden.destroy();
    } finally {
      await hidden.close();
    }
  });
});

/**
 * Whether a new reply address resets ReplyStatus is UNCONFIRMED: where the
 * service keeps the old address's "verified", a new address must still get its
 * verification mail, and a ticket for it must still be approved.
 */
describe("a new reply address where the service keeps the old status (replyStatusOnChange=kept)", () => {
  let d: Deployment;
  let client: DirectMailClient;
  beforeAll(async () => {
    d = await deploy({ projectName: "reply-status-kept", emulator: { dialect: { ...DEFAULT_DIALECT, replyStatusOnChange: "kept" } } });
    client = clientOf(d.emulator);
  });
  afterAll(async () => {
    await client.close();
    await d.close();
  });
  const sender = (replyAddress: string, replyVerificationTicket?: string) => async () => {
    const a = new MailAddress("kept", {
      accountName: "kept@example.com",
      sendtype: "batch",
      replyAddress,
      verifyReplyAddress: true,
      replyVerificationTicket,
    });
    return { replyAddressStatus: a.replyAddressStatus };
  };
  const approvals = () => d.emulator.requests.filter((r) => r.action === "ApproveReplyMailAddress" && !r.code).length;

  test("the new address gets its verification mail, and its ticket is approved", async () => {
    d.setProgram(sender("first@example.org"));
    await d.up();
    await client.approveReplyMailAddress(d.emulator.sentMail[0].ticket);
    d.setProgram(sender("second@example.org"));
    await d.up();
    expect(d.emulator.sentMail.map((m) => m.to)).toEqual(["first@example.org", "second@example.org"]);
    const before = approvals();
    d.setProgram(sender("second@example.org", d.emulator.sentMail[1].ticket));
    await d.up();
    expect(approvals()).toBe(before + 1);
    expect(changes((await d.up()).summary)).toEqual({});
  });

  test("a ticket already used (its link followed) is no failure: the address reads as verified", async () => {
    d.setProgram(sender("third@example.org"));
    await d.up();
    const ticket = d.emulator.sentMail[d.emulator.sentMail.length - 1].ticket;
    await client.approveReplyMailAddress(ticket);
    d.setProgram(sender("third@example.org", ticket));
    const up = await d.up();
    expect(up.outputs.replyAddressStatus.value).toBe("verified");
    expect(
      d.emulator.requests
        .filter((r) => r.action === "ApproveReplyMailAddress")
        .map((r) => r.code)
        .slice(-1),
    ).toEqual(["InvalidTicket.NotFound"]);
  });
});
