import * as pulumi from "@pulumi/pulumi";

/**
 * Secrets that came through plain stack config. The engine records every
 * stack config value as an input of the default provider in the state; a value
 * set without `--secret` is recorded in plaintext there, whatever this package
 * does with it afterwards. Only the program can tell (the engine hands it the
 * names of the secret keys), so the warning is given here, when a resource is
 * declared.
 */

/** The settings of this provider that hold a secret. */
const SECRET_SETTINGS = ["directmail:accessKeySecret", "directmail:securityToken"];

/** Whether the engine marked `key` secret; undefined when this SDK does not say. */
function secretKeyTest(): ((key: string) => boolean) | undefined {
  // Exported by the SDK's runtime (it reads PULUMI_CONFIG_SECRET_KEYS), but not in its type declarations.
  const test = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  return typeof test === "function" ? test : undefined;
}

/** The key as the user typed it: without the project's namespace. */
function shortKey(key: string): string {
  const project = pulumi.getProject();
  return key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;
}

const fix = (key: string) =>
  `the engine keeps every stack config value in the state, and this one in plaintext. ` +
  `Set it again as a secret: pulumi config set --secret ${shortKey(key)} <value>`;

let settingsChecked = false;

/** Once per program: a secret setting of this provider set without `--secret`. */
function warnOfPlainSettings(isSecret: (key: string) => boolean, config: Record<string, string>): void {
  if (settingsChecked) return;
  settingsChecked = true;
  for (const key of SECRET_SETTINGS) {
    if (config[key] && !isSecret(key)) {
      pulumi.log.warn(`${key} is plain stack config (set without --secret): ${fix(key)}, or use the environment variables instead`);
    }
  }
}

/**
 * Warns when a secret input of `resource` (its password) equals the value of a
 * stack config key that is not secret, naming the key but never the value.
 */
export function warnOfPlainSecrets(
  resource: pulumi.Resource,
  name: string,
  args: Record<string, unknown>,
  secretInputs: readonly string[],
): void {
  const isSecret = secretKeyTest();
  if (!isSecret) return;
  const config = pulumi.runtime.allConfig();
  warnOfPlainSettings(isSecret, config);
  const plain = Object.entries(config).filter(([key, value]) => value !== "" && !isSecret(key));
  if (plain.length === 0) return;
  for (const input of secretInputs) {
    if (args[input] === undefined) continue;
    pulumi.output(args[input]).apply((value) => {
      for (const [key] of plain.filter(([, v]) => typeof value === "string" && v === value)) {
        pulumi.log.warn(`${name}: ${input} comes from the stack config key ${shortKey(key)}, which is not a secret: ${fix(key)}`, resource);
      }
    });
  }
}
