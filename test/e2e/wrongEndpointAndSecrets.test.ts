import * as pulumi from "@pulumi/pulumi";
import { MailAddress, MailAddressNotifyUrl } from "../../provider";
import { deploy, Deployment } from "../support/engine";

/**
 * Never lie, never lose: under the real engine, a wrong endpoint's 404 is not
 * "deleted", and secrets given as secrets stay secret.
 */

describe("a wrong endpoint", () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await deploy({ projectName: "wrong-endpoint" });
    d.setProgram(async () => {
      const sender = new MailAddress("sender", { accountName: "kept@example.com", sendtype: "batch" });
      new MailAddressNotifyUrl("reports", { mailFrom: sender.accountName, notifyUrl: "https://hooks.example.com/kept" });
    });
    await d.up();
    // For refresh and destroy the engine configures the provider from the state, so the
    // service itself answers as a wrong endpoint (another product's gateway) would.
    d.emulator.faults.configure({ rates: { wrongEndpoint: 1 } });
  });
  afterAll(() => d.close());

  test("makes refresh fail loudly, naming the endpoint and the code, and drops nothing", async () => {
    await expect(d.refresh()).rejects.toThrow(
      new RegExp(`InvalidProduct.NotFound, HTTP 404, RequestId [0-9A-F-]+, from ${d.emulator.url}\\]`),
    );
    const state = await d.local.stack.exportStack();
    expect(state.deployment.resources.map((r: { type: string }) => r.type)).toEqual(
      expect.arrayContaining(["pulumi-nodejs:dynamic/directmail:MailAddress", "pulumi-nodejs:dynamic/directmail:MailAddressNotifyUrl"]),
    );
  });

  test("makes destroy fail, not report a deletion that did not happen", async () => {
    await expect(d.destroy()).rejects.toThrow(/InvalidProduct.NotFound/);
    expect(d.emulator.inspect.allAddresses().map((a) => a.accountName)).toEqual(["kept@example.com"]);
    const state = await d.local.stack.exportStack();
    expect(state.deployment.resources.some((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/directmail:MailAddress")).toBe(true);
  });

  test("once the service answers again, destroy deletes for real", async () => {
    d.emulator.faults.clear();
    await d.destroy();
    expect(d.emulator.inspect.allAddresses()).toEqual([]);
  });
});

describe("secrets given as secrets", () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await deploy({ projectName: "secret-inputs" });
  });
  afterAll(() => d.close());

  test("a notify URL given as a secret stays secret in outputs and state", async () => {
    d.setProgram(async () => {
      const sender = new MailAddress("hooked", { accountName: "hooked@example.com", sendtype: "trigger" });
      const reports = new MailAddressNotifyUrl("hooked-reports", {
        mailFrom: sender.accountName,
        notifyUrl: pulumi.secret("https://hooks.example.com/T0KEN-4242"),
      });
      return { notifyUrl: reports.notifyUrl };
    });
    const up = await d.up();
    expect(up.outputs.notifyUrl).toEqual({ value: "https://hooks.example.com/T0KEN-4242", secret: true });
    expect(d.stateFile()).not.toContain("T0KEN-4242");
    expect(d.exportWithoutSecrets()).not.toContain("T0KEN-4242");
    await d.destroy();
  });

  test("a password of the wrong type is reported without its value, before any call", async () => {
    const before = d.emulator.requests.length;
    d.setProgram(async () => {
      new MailAddress("typed", { accountName: "typed@example.com", sendtype: "trigger", password: 987654321 as unknown as string });
    });
    const failure = await d.preview().catch((e: Error) => e);
    expect(String(failure)).toContain("password must be a string, not number");
    expect(String(failure)).not.toContain("987654321");
    expect(d.output.join("\n")).not.toContain("987654321");
    expect(d.emulator.requests.length).toBe(before);
  });
});
