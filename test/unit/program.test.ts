import * as pulumi from "@pulumi/pulumi";

/**
 * The program-level wiring that needs @pulumi/random's own provider plugin,
 * which cannot be downloaded or built on these machines: covered with
 * Pulumi's mocks. Everything else runs under the real engine in test/e2e.
 */

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        if (args.type === "random:index/randomPassword:RandomPassword") {
          return { id: `${args.name}-id`, state: { ...args.inputs, result: "GEneratedPass1234" } };
        }
        return { id: `${args.name}-id`, state: { ...args.inputs, mailAddressId: "100001", smtpHost: "smtpdm.aliyun.com" } };
      },
      call: () => ({}),
    },
    "directmail-senders",
    "test",
    false,
  );
});

beforeEach(() => {
  registered.length = 0;
});

function resolved<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  return new Promise((resolve) => {
    void pulumi.isSecret(o).then((secret) => o.apply((value) => resolve({ value, secret })));
  });
}

const byType = (type: string) => registered.filter((r) => r.type === type);

/** Resources that depend on another's outputs register later; wait for them. */
async function eventually(type: string, count: number): Promise<pulumi.runtime.MockResourceArgs[]> {
  for (let i = 0; i < 100 && byType(type).length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return byType(type);
}

test("examples/generated-password: a random password shaped to DirectMail's rules feeds the address as a secret", async () => {
  // The project's program, loaded as the engine would load it (its module body declares the resources).
  const out = await import("../../examples/generated-password/index");
  const password = await resolved(out.smtpPassword);
  expect(password).toEqual({ value: "GEneratedPass1234", secret: true });
  await resolved(out.smtpHost);
  const [random] = byType("random:index/randomPassword:RandomPassword");
  expect(random.inputs).toMatchObject({ length: 16, minUpper: 2, minLower: 2, minNumeric: 2, special: false });
  const [address] = byType("pulumi-nodejs:dynamic/directmail:MailAddress");
  // The engine receives the password in Pulumi's secret envelope.
  expect(address.inputs).toMatchObject({
    accountName: "noreply@example.com",
    sendtype: "trigger",
    password: { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: "GEneratedPass1234" },
  });
});

test("the Pulumi.yaml program generates passwords only for senders without one in config", async () => {
  const { provisionSenders } = await import("../../program/senders");
  const out = provisionSenders(
    [
      { accountName: "a@example.com", sendtype: "trigger" },
      { accountName: "b@example.com", sendtype: "batch", notifyUrl: "https://hooks.example.com/b" },
    ],
    { "a@example.com": pulumi.secret("CONfigured123") },
  );
  const a = await resolved(out["a@example.com"].smtpPassword);
  const b = await resolved(out["b@example.com"].smtpPassword);
  expect(a).toEqual({ value: "CONfigured123", secret: true });
  expect(b).toEqual({ value: "GEneratedPass1234", secret: true });
  expect(byType("random:index/randomPassword:RandomPassword").map((r) => r.name)).toEqual(["b-example-com-smtp"]);
  const notify = await eventually("pulumi-nodejs:dynamic/directmail:MailAddressNotifyUrl", 1);
  expect(notify.map((r) => r.name)).toEqual(["b-example-com-notify"]);
});
