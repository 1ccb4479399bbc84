import { MailAddress } from "../../provider";
import { deploy, Deployment } from "../support/engine";

/**
 * Where secrets end up. Passwords: encrypted in state, never in plaintext.
 * Access keys: with environment variables, nowhere in state at all; with
 * `directmail:accessKeySecret` stack config, only as the engine's own
 * encrypted copy of the stack config (it records every config value as an
 * input of the default `pulumi-nodejs` provider; see README).
 */

const PASSWORD = "SEcretPass99";

function program() {
  return async () => {
    const a = new MailAddress("secret-holder", { accountName: "secrets@example.com", sendtype: "trigger", password: PASSWORD });
    return { password: a.password, id: a.mailAddressId };
  };
}

describe.each(["env", "config"] as const)("credentials from %s", (credentials) => {
  let d: Deployment;
  beforeAll(async () => {
    d = await deploy({ credentials, projectName: `secrets-${credentials}` });
    d.setProgram(program());
  });
  afterAll(async () => {
    await d.destroy();
    await d.close();
  });

  test("the password is a secret output and is encrypted in state", async () => {
    const up = await d.up();
    expect(up.outputs.password).toEqual({ value: PASSWORD, secret: true });
    const state = d.stateFile();
    const exported = d.exportWithoutSecrets();
    for (const text of [state, exported]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).toContain("4dabf18193072939515e22adb298388d"); // Pulumi's secret signature: an encrypted value
    }
    expect(d.output.join("")).not.toContain(PASSWORD);
  });

  test("the access key secret never appears in plaintext", () => {
    const secret = d.emulator.accessKey.secret;
    expect(d.stateFile()).not.toContain(secret);
    expect(d.exportWithoutSecrets()).not.toContain(secret);
    expect(d.output.join("")).not.toContain(secret);
  });

  test("the serialized provider in state is small and carries no credentials", () => {
    const state = JSON.parse(d.stateFile()) as {
      checkpoint: { latest: { resources: Array<{ type: string; outputs?: Record<string, unknown> }> } };
    };
    const resource = state.checkpoint.latest.resources.find((r) => r.type === "pulumi-nodejs:dynamic/directmail:MailAddress");
    const provider = String(resource?.outputs?.__provider ?? "");
    // Reported by the test run; see README "What is in the state".
    process.stdout.write(`serialized provider per MailAddress: ${provider.length} characters\n`);
    expect(provider.length).toBeGreaterThan(500);
    expect(provider.length).toBeLessThan(4_000);
    expect(provider).toContain('require(\\"pulumi-directmail/runtime\\")'.replace(/\\"/g, '"'));
    expect(provider).not.toContain(d.emulator.accessKey.secret);
  });

  if (credentials === "env") {
    test("with environment credentials, no access key is in state at all, not even encrypted", () => {
      expect(d.stateFile()).not.toContain("accessKeySecret");
      expect(d.stateFile()).not.toContain(d.emulator.accessKey.id);
    });
  } else {
    test("with config credentials, the engine's copy of the config is encrypted", () => {
      const state = d.stateFile();
      expect(state).toContain("directmail:accessKeySecret");
      const entry = state.slice(state.indexOf("directmail:accessKeySecret"), state.indexOf("directmail:accessKeySecret") + 200);
      expect(entry).toContain("ciphertext");
    });
  }
});
