import { MailAddress, Region } from "pulumi-directmail";

/**
 * The same sender in several DirectMail regions: addresses are regional, so
 * each region has its own address, SMTP host and quota.
 */
export function multiRegion(regions: Region[], password: string) {
  const outputs: Record<string, unknown> = {};
  for (const region of regions) {
    const sender = new MailAddress(`alerts-${region}`, {
      accountName: "alerts@example.com",
      sendtype: "trigger",
      region,
      password,
    });
    outputs[region] = { id: sender.mailAddressId, smtpHost: sender.smtpHost };
  }
  return outputs;
}
