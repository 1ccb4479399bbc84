import * as pulumi from "@pulumi/pulumi";
import { MailAddress, ReceiverList } from "../../provider";
import { changes, deploy, Deployment } from "../support/engine";

/**
 * An engine previews a dynamic resource's update with its inputs as its
 * outputs: an output not among them is unknown then, and whatever is built
 * from it is previewed as changed, or replaced. The outputs a sender's inputs
 * fix (its SMTP user name and host) stay known through such a preview.
 */

let d: Deployment;
beforeAll(async () => {
  d = await deploy({ projectName: "preview-known" });
});
afterAll(() => d.close());

const program = (password: string) => async () => {
  const sender = new MailAddress("sender", { accountName: "known@example.com", sendtype: "trigger", password: pulumi.secret(password) });
  // Every ReceiverList property replaces: a description built from the sender's outputs shows whether they stayed known.
  new ReceiverList("by-smtp", {
    receiversName: "bysmtp",
    receiversAlias: "bysmtp@example.com",
    description: pulumi.interpolate`sent by ${sender.smtpUsername} via ${sender.smtpHost}`,
  });
  return { host: sender.smtpHost };
};

test("a password change previews one update and nothing replaced: smtpUsername and smtpHost stay known", async () => {
  d.setProgram(program("FIrst123456"));
  expect(changes((await d.up()).summary)).toEqual({ create: 3 });
  d.setProgram(program("SEcond123456"));
  expect(changes((await d.preview()).changeSummary)).toEqual({ update: 1 });
  expect(changes((await d.up()).summary)).toEqual({ update: 1 });
  await d.destroy();
});
