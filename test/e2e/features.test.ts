import * as $Dm from "@alicloud/dm20151123";
import { getMailAddress, getMailAddresses, MailAddress, MailAddressNotifyUrl, Region } from "../../provider";
import { DirectMailClient } from "../../client";
import { changes, deploy, Deployment } from "../support/engine";
import { clientOf } from "../support/emulator";

/**
 * Reply verification, the notify URL, regions, look-ups and adoption, driven
 * step by step through the real engine (Automation API) against the emulator.
 * The example projects in examples/ run through the plain CLI in examples.test.ts.
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

function multiRegion(regions: Region[], password: string) {
  const outputs: Record<string, unknown> = {};
  for (const region of regions) {
    const sender = new MailAddress(`alerts-${region}`, { accountName: "alerts@example.com", sendtype: "trigger", region, password });
    outputs[region] = { id: sender.mailAddressId, smtpHost: sender.smtpHost };
  }
  return outputs;
}

async function adoptExisting() {
  const before = await getMailAddress({ accountName: "support@example.com" });
  const sender = new MailAddress("support", {
    accountName: "support@example.com",
    sendtype: before?.sendtype ?? "trigger",
    adopt: true,
    replyAddress: "helpdesk@example.org",
  });
  return { existedBefore: before !== undefined, id: sender.mailAddressId, adopted: sender.adopted };
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

describe("several regions", () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await deploy({ projectName: "multi-region" });
  });
  afterAll(() => d.close());

  test("one sender in two regions is two addresses with their own hosts", async () => {
    d.setProgram(async () => multiRegion(["cn-hangzhou", "ap-southeast-1"], "ALerts12345"));
    const up = await d.up();
    const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    expect(outputs["cn-hangzhou"].smtpHost).toBe("smtpdm.aliyun.com");
    expect(outputs["ap-southeast-1"].smtpHost).toBe("smtpdm-ap-southeast-1.aliyun.com");
    const stored = d.emulator.inspect
      .allAddresses()
      .map((a) => [a.region, a.accountName])
      .sort();
    expect(stored).toEqual([
      ["ap-southeast-1", "alerts@example.com"],
      ["cn-hangzhou", "alerts@example.com"],
    ]);
  });

  test("moving an address to another region replaces it (create first: no clash across regions)", async () => {
    d.setProgram(async () => ({
      id: new MailAddress("mover", { accountName: "mover@example.com", sendtype: "batch", region: "us-east-1" }).mailAddressId,
    }));
    await d.up();
    d.setProgram(async () => ({
      id: new MailAddress("mover", { accountName: "mover@example.com", sendtype: "batch", region: "eu-central-1" }).mailAddressId,
    }));
    const up = await d.up();
    expect(changes(up.summary)).toEqual({ replace: 1 });
    expect(d.emulator.inspect.allAddresses().map((a) => a.region)).toEqual(["eu-central-1"]);
    await d.destroy();
  });
});

describe("adoption and the look-ups", () => {
  let d: Deployment;
  let existingId: string;
  beforeAll(async () => {
    // Look-ups run inside the program, so they read credentials from stack config.
    d = await deploy({ projectName: "adopt-example", credentials: "config" });
    const made = await d
      .officialSdk()
      .createMailAddress(new $Dm.CreateMailAddressRequest({ accountName: "support@example.com", sendtype: "batch" }));
    existingId = String(made.body?.mailAddressId);
    await d.officialSdk().createMailAddress(new $Dm.CreateMailAddressRequest({ accountName: "other@example.org", sendtype: "trigger" }));
  });
  afterAll(() => d.close());

  test("getMailAddresses pages through every address and filters", async () => {
    d.setProgram(async () => {
      const all = await getMailAddresses();
      const batch = await getMailAddresses({ sendtype: "batch" });
      const byKeyWord = await getMailAddresses({ keyWord: "other@" });
      return {
        all: all.map((a) => a.accountName).sort(),
        batch: batch.map((a) => a.accountName),
        byKeyWord: byKeyWord.map((a) => a.mailAddressId),
      };
    });
    const up = await d.up();
    expect(up.outputs.all.value).toEqual(["other@example.org", "support@example.com"]);
    expect(up.outputs.batch.value).toEqual(["support@example.com"]);
    expect(up.outputs.byKeyWord.value).toHaveLength(1);
  });

  test("adopt takes the hand-made address over and applies the program", async () => {
    d.setProgram(adoptExisting);
    const up = await d.up();
    expect(up.outputs.existedBefore.value).toBe(true);
    expect(up.outputs.adopted.value).toBe(true);
    expect(up.outputs.id.value).toBe(existingId);
    expect(d.emulator.inspect.allAddresses().find((a) => a.accountName === "support@example.com")?.replyAddress).toBe(
      "helpdesk@example.org",
    );
    await d.destroy();
    expect(d.emulator.inspect.allAddresses().map((a) => a.accountName)).toEqual(["other@example.org"]);
  });
});
