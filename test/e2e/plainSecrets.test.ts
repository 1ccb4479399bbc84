import { join } from "node:path";
import { CliStack, initCliStack, REPO } from "../../scripts/localEngine";

/**
 * A password or an access key secret set with `pulumi config set` and no
 * `--secret` ends up in plaintext in the state (the engine records every config
 * value). The program warns, naming the key and the fix, never the value:
 * plain `pulumi preview` on the quickstart example.
 */

let stack: CliStack;
beforeAll(() => {
  stack = initCliStack(join(REPO, "examples", "quickstart"), `plain-secrets-${process.pid}`);
});
afterAll(() => stack.remove());

test("a password from plain config: a warning names the key and the fix", () => {
  stack.pulumi("config", "set", "smtpPassword", "Quick5tart9Pw");
  const output = stack.pulumi("preview");
  expect(output).toContain(
    "noreply: password comes from the stack config key smtpPassword, which is not a secret: the engine keeps every stack config value " +
      "in the state, and this one in plaintext. Set it again as a secret: pulumi config set --secret smtpPassword <value>",
  );
  expect(output).not.toContain("Quick5tart9Pw");
});

test("a secret setting of the provider from plain config: a warning names it and the fix", () => {
  stack.pulumi("config", "set", "directmail:accessKeySecret", "plain-secret-4242");
  const output = stack.pulumi("preview");
  const warning = "directmail:accessKeySecret is plain stack config (set without --secret)";
  expect(output.split(warning).length - 1).toBeGreaterThanOrEqual(1);
  expect(output).toContain("pulumi config set --secret directmail:accessKeySecret <value>");
  expect(output).not.toContain("plain-secret-4242");
});

test("both set with --secret: no warning", () => {
  stack.pulumi("config", "set", "--secret", "smtpPassword", "Quick5tart9Pw");
  stack.pulumi("config", "set", "--secret", "directmail:accessKeySecret", "plain-secret-4242");
  const output = stack.pulumi("preview");
  expect(output).not.toContain("which is not a secret");
  expect(output).not.toContain("plain stack config");
});
