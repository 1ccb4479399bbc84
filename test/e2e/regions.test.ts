import { MailAddress, Region } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/**
 * Senders in several regions, through the real engine against the emulator.
 */

function multiRegion(regions: Region[], password: string) {
  const outputs: Record<string, unknown> = {};
  for (const region of regions) {
    const sender = new MailAddress(`alerts-${region}`, { accountName: "alerts@example.com", sendtype: "trigger", region, password });
    outputs[region] = { id: sender.mailAddressId, smtpHost: sender.smtpHost };
  }
  return outputs;
}

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
