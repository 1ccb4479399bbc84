import * as $Dm from "@alicloud/dm20151123";
import { getMailAddress, getMailAddresses, MailAddress } from "../../provider";
import { deploy, Deployment } from "../support/engine";

/**
 * The address look-ups (getMailAddress, getMailAddresses) and adoption of an address
 * made by hand, in a program run by the real engine against the emulator.
 */

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
