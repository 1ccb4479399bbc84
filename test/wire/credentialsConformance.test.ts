import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { credentialChain } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import { credentialServices, writeProfiles } from "../support/credentials";
import { scratchDir } from "../support/scratch";

/**
 * The same profile files and environment choose the same source here as in
 * the official `@alicloud/credentials` chain, wherever that package can be
 * pointed at loopback: environment keys, the CLI profile file (AK, StsToken,
 * the profile chosen by ALIBABA_CLOUD_PROFILE or `current`, the file switched
 * off), the INI credentials file's access_key sections (at its default path or
 * ALIBABA_CLOUD_CREDENTIALS_FILE, the section chosen by ALIBABA_CLOUD_PROFILE),
 * and a credentials URI over http. (It cannot reach an http STS, its OIDC
 * chain always targets sts.aliyuncs.com, and its INI ram_role_arn sections take
 * no STS endpoint, so those are not compared here; its ECS provider is switched
 * off so that nothing probes 100.100.100.200.)
 */

const home = scratchDir("conformance");
const withFile = join(home, "with-file");
const withoutFile = join(home, "without-file");
mkdirSync(join(withFile, ".aliyun"), { recursive: true });
mkdirSync(withoutFile, { recursive: true });
/** The SDKs' INI file alone, and beside the CLI file. */
const INI =
  "[default]\ntype = access_key\naccess_key_id = ak-ini\naccess_key_secret = s-ini\n\n[ci]\ntype = access_key\naccess_key_id = ak-ini-ci\naccess_key_secret = s-ci\n";
const withIni = join(home, "with-ini");
const withBoth = join(home, "with-both");
for (const dir of [withIni, withBoth]) {
  mkdirSync(join(dir, ".alibabacloud"), { recursive: true });
  writeFileSync(join(dir, ".alibabacloud", "credentials"), INI);
}
mkdirSync(join(withBoth, ".aliyun"), { recursive: true });
const namedIni = join(home, "named-credentials");
writeFileSync(namedIni, INI.replace("ak-ini", "ak-named"));
for (const dir of [withFile, withBoth])
  writeProfiles(join(dir, ".aliyun"), "main", [
    { name: "main", mode: "AK", access_key_id: "ak-main", access_key_secret: "s-main" },
    { name: "sts", mode: "StsToken", access_key_id: "ak-sts", access_key_secret: "s-sts", sts_token: "tok-sts" },
  ]);

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ ...credentialServices() });
});
afterAll(() => emulator.stop());

/**
 * The official chain, in a process of its own: it reads the real environment
 * (HOME included) as a process sees it, which a test cannot change from here.
 */
async function officialChain(env: Record<string, string>): Promise<{ providerName: string; accessKeyId: string; securityToken?: string }> {
  const script =
    'const C = require("@alicloud/credentials").default; new C().getCredential().then(' +
    "(m) => process.stdout.write(JSON.stringify({ providerName: m.providerName, accessKeyId: m.accessKeyId, securityToken: m.securityToken })), " +
    "(e) => { process.stderr.write(e.message); process.exit(1); });";
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
    cwd: join(__dirname, "../.."),
    env: { PATH: process.env.PATH ?? "", ...env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
    timeout: 20_000,
  });
  return JSON.parse(stdout) as { providerName: string; accessKeyId: string; securityToken?: string };
}

/** Our source's name as the official chain names its providers. */
function kind(name: string): string {
  if (name.startsWith("the environment variables")) return "env";
  if (name.startsWith('profile "')) return "cli_profile";
  if (name.startsWith("section [")) return "profile";
  if (name.includes("credentials URI")) return "credential_uri";
  return name;
}

interface Row {
  readonly name: string;
  readonly home: string;
  readonly env: Record<string, string>;
  readonly chosen: string;
  /** The key both hand out, when it is fixed (a credentials URI issues a new one each time). */
  readonly accessKeyId?: string;
}

const ROWS: Row[] = [
  {
    name: "environment keys before the profile file",
    home: withFile,
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-s" },
    chosen: "env",
    accessKeyId: "env-id",
  },
  {
    name: "an environment STS key",
    home: withoutFile,
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-sts", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s", ALIBABA_CLOUD_SECURITY_TOKEN: "t" },
    chosen: "env",
    accessKeyId: "env-sts",
  },
  {
    name: "half an environment pair: the profile file",
    home: withFile,
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "only-id" },
    chosen: "cli_profile",
    accessKeyId: "ak-main",
  },
  { name: "the file's current profile", home: withFile, env: {}, chosen: "cli_profile", accessKeyId: "ak-main" },
  {
    name: "ALIBABA_CLOUD_PROFILE picks a StsToken profile",
    home: withFile,
    env: { ALIBABA_CLOUD_PROFILE: "sts" },
    chosen: "cli_profile",
    accessKeyId: "ak-sts",
  },
  {
    name: "the profile file before a credentials URI",
    home: withFile,
    env: { ALIBABA_CLOUD_CREDENTIALS_URI: "{uri}" },
    chosen: "cli_profile",
    accessKeyId: "ak-main",
  },
  {
    name: "a credentials URI when there is no file",
    home: withoutFile,
    env: { ALIBABA_CLOUD_CREDENTIALS_URI: "{uri}" },
    chosen: "credential_uri",
  },
  { name: "the INI file when there is no CLI file", home: withIni, env: {}, chosen: "profile", accessKeyId: "ak-ini" },
  {
    name: "ALIBABA_CLOUD_PROFILE picks the INI section",
    home: withIni,
    env: { ALIBABA_CLOUD_PROFILE: "ci" },
    chosen: "profile",
    accessKeyId: "ak-ini-ci",
  },
  { name: "the CLI file before the INI file", home: withBoth, env: {}, chosen: "cli_profile", accessKeyId: "ak-main" },
  {
    name: "the INI file when the CLI file is switched off",
    home: withBoth,
    env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" },
    chosen: "profile",
    accessKeyId: "ak-ini",
  },
  {
    name: "the INI section when the CLI file has no profile of ALIBABA_CLOUD_PROFILE's name",
    home: withBoth,
    env: { ALIBABA_CLOUD_PROFILE: "ci" },
    chosen: "profile",
    accessKeyId: "ak-ini-ci",
  },
  {
    name: "ALIBABA_CLOUD_CREDENTIALS_FILE names the INI file",
    home: withIni,
    env: { ALIBABA_CLOUD_CREDENTIALS_FILE: namedIni },
    chosen: "profile",
    accessKeyId: "ak-named",
  },
  {
    name: "environment keys before the INI file",
    home: withIni,
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-s" },
    chosen: "env",
    accessKeyId: "env-id",
  },
  {
    name: "the INI file before a credentials URI",
    home: withIni,
    env: { ALIBABA_CLOUD_CREDENTIALS_URI: "{uri}" },
    chosen: "profile",
    accessKeyId: "ak-ini",
  },
  {
    name: "a credentials URI when the file is switched off",
    home: withFile,
    env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true", ALIBABA_CLOUD_CREDENTIALS_URI: "{uri}" },
    chosen: "credential_uri",
  },
];

test.each(ROWS.map((r) => [r.name, r] as const))("%s", async (_name, row) => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.env)) env[k] = v.replace("{uri}", emulator.credentialsUri ?? "");
  env.HOME = row.home;

  // Ours first: a setup mistake then fails here, before the official chain, finding nothing, asks DNS for a host named "undefined".
  const ours = await credentialChain({ env }).get();
  expect(kind(ours.source)).toBe(row.chosen);
  const official = await officialChain(env);

  expect(official.providerName).toBe(`default/${row.chosen}`);
  expect(kind(ours.source)).toBe(row.chosen);
  if (row.accessKeyId) {
    expect(official.accessKeyId).toBe(row.accessKeyId);
    expect(ours.accessKeyId).toBe(row.accessKeyId);
    expect(ours.securityToken ?? "").toBe(official.securityToken ?? "");
  } else {
    // Both got a key the URI issued.
    const issued = emulator.issuedKeys.map((k) => k.id);
    expect(issued).toEqual(expect.arrayContaining([official.accessKeyId, ours.accessKeyId]));
  }
});

test("where this chain deliberately differs: the ALICLOUD_* names are read here, not by the official chain", async () => {
  const env = { HOME: withFile, ALICLOUD_ACCESS_KEY: "tf-id", ALICLOUD_SECRET_KEY: "tf-s" };
  const ours = await credentialChain({ env }).get();
  const official = await officialChain(env);
  expect([official.providerName, official.accessKeyId]).toEqual(["default/cli_profile", "ak-main"]);
  expect([kind(ours.source), ours.accessKeyId]).toEqual(["env", "tf-id"]);
});

test("where this chain deliberately differs: an INI section of type sts is read here; the official chain skips it", async () => {
  const path = join(home, "sts-credentials");
  writeFileSync(path, "[default]\ntype = sts\naccess_key_id = ak-sts-ini\naccess_key_secret = s\nsecurity_token = t\n");
  // A credentials URI for the official chain to fall to (without one it asks DNS for a host named "undefined").
  const env = { HOME: withoutFile, ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_CREDENTIALS_URI: emulator.credentialsUri ?? "" };
  const ours = await credentialChain({ env }).get();
  const official = await officialChain(env);
  expect(official.providerName).toBe("default/credential_uri");
  expect([kind(ours.source), ours.accessKeyId, ours.securityToken]).toEqual(["profile", "ak-sts-ini", "t"]);
});

test("where this chain deliberately differs: ALIBABA_CLOUD_CREDENTIALS_FILE holding JSON is the CLI file here (Terraform's reading); the official chain reads it as INI and finds nothing", async () => {
  const path = writeProfiles(home, "tf", [{ name: "tf", mode: "AK", access_key_id: "ak-tf", access_key_secret: "s-tf" }], "terraform.json");
  const env = { HOME: withoutFile, ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_CREDENTIALS_URI: emulator.credentialsUri ?? "" };
  const ours = await credentialChain({ env }).get();
  const official = await officialChain(env);
  expect(official.providerName).toBe("default/credential_uri");
  expect([kind(ours.source), ours.accessKeyId]).toEqual(["cli_profile", "ak-tf"]);
});
