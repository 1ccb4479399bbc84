import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../../provider/framework/lazyProvider";

// Resource wiring under Pulumi's mocks: what the resource class hands the
// engine. The provider code itself runs under the real engine in test/e2e.
const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: { ...args.inputs, mailAddressId: "100001" } };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
});

function outputValue<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  return new Promise((resolve) => {
    void pulumi.isSecret(o).then((secret) => o.apply((value) => resolve({ value, secret })));
  });
}

describe("MailAddress resource", () => {
  it("registers a custom dynamic type and treats a plain-string password as a secret", async () => {
    const { MailAddress } = await import("../../provider");
    const address = new MailAddress("sender", { accountName: "a@example.com", sendtype: "batch", password: "ABcdefgh12" });
    const password = await outputValue(address.password);
    expect(password.secret).toBe(true);
    const id = await outputValue(address.mailAddressId);
    expect(id.value).toBe("100001");
    const reg = registered.find((r) => r.name === "sender");
    expect(reg?.type).toBe("pulumi-nodejs:dynamic/directmail:MailAddress");
  });
});

describe("the serialized provider", () => {
  it("is small, loads the package by name and captures nothing secret", async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "env-secret-that-must-not-leak";
    const provider = lazyProvider("MailAddress");
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    expect(serialized.containsSecrets).toBe(false);
    expect(serialized.text).toContain('require("pulumi-directmail/runtime")');
    expect(serialized.text).not.toContain("env-secret-that-must-not-leak");
    // No module was inlined: no client, no undici, no signer.
    expect(serialized.text).not.toMatch(/undici|createHmac|DirectMailClient/);
    expect(serialized.text.length).toBeLessThan(4_000);
  });
});

describe("the provider object", () => {
  it("is one per resource kind, so the SDK serializes it once per program run, not once per resource", () => {
    expect(lazyProvider("MailAddress")).toBe(lazyProvider("MailAddress"));
    expect(lazyProvider("MailAddress")).not.toBe(lazyProvider("MailAddressNotifyUrl"));
  });
});
