import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { secretForms } from "../../client";
import { DEFAULT_ACCESS_KEY } from "../../emulator";
import { getMailAddresses, MailAddress, MailDomain, MailDomainVerification } from "../../provider";
import {
  credentialServices,
  OIDC_PROVIDER_ARN,
  oidcToken,
  PROD_ROLE_ARN,
  ROLE_ARN,
  SECOND_ROLE_ARN,
  STAGING_ROLE_ARN,
  writeProfiles,
} from "../support/credentials";
import { changes, deploy, Deployment } from "../support/engine";
import { scratchDir } from "../support/scratch";

/**
 * Every credential source through the real engine against the emulator's STS,
 * metadata service and credentials URI: a stack is deployed with plain keys,
 * then each mode in turn creates one address and deletes the previous mode's,
 * and refreshes. Then the raw backend files, the export and everything the
 * engine printed are searched for every key, secret, token and OIDC token, in
 * every encoding.
 */

/** A key that may only call AssumeRole: DirectMail answers only the sessions it gets. */
const DEPLOYER = { id: "deployer", secret: "deployer-secret-6b1f0e", allowedActions: ["AssumeRole"] };
const dir = scratchDir("e2e-creds");
const TOKEN = oidcToken({ exp: Math.floor(Date.now() / 1000) + 3600 });
const tokenFile = join(dir, "token");
writeFileSync(tokenFile, TOKEN);

interface Mode {
  readonly name: string;
  env(d: Deployment): Record<string, string>;
  config(d: Deployment): Record<string, string>;
}

const deployerEnv = { ALIBABA_CLOUD_ACCESS_KEY_ID: DEPLOYER.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEPLOYER.secret };
const sts = (d: Deployment) => ({ "directmail:stsEndpoint": d.emulator.stsUrl ?? "" });
const profile = (name: string, fields: Record<string, unknown>) => {
  const base = { name: "base", mode: "AK", access_key_id: DEPLOYER.id, access_key_secret: DEPLOYER.secret };
  const path = writeProfiles(dir, name, [{ name, ...fields }, base], `${name}.json`);
  return { "directmail:profile": name, "directmail:sharedCredentialsFile": path };
};

const MODES: Mode[] = [
  {
    name: "GitHub Actions / ACK RRSA: the OIDC environment triple",
    env: () => ({
      ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER_ARN,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
    }),
    config: sts,
  },
  {
    name: "directmail:assumeRole on environment keys",
    env: () => deployerEnv,
    config: (d) => ({
      ...sts(d),
      "directmail:assumeRole": JSON.stringify({ roleArn: SECOND_ROLE_ARN, sessionName: "pipeline", durationSeconds: 900 }),
    }),
  },
  {
    name: "profile RamRoleArn",
    env: () => ({}),
    config: (d) =>
      profile("desk", {
        mode: "RamRoleArn",
        access_key_id: DEPLOYER.id,
        access_key_secret: DEPLOYER.secret,
        ram_role_arn: ROLE_ARN,
        ram_session_name: "alice",
        sts_endpoint: d.emulator.stsUrl,
      }),
  },
  {
    name: "profile ChainableRamRoleArn",
    env: () => ({}),
    config: (d) => ({
      ...sts(d),
      ...profile("chained", { mode: "ChainableRamRoleArn", source_profile: "base", ram_role_arn: SECOND_ROLE_ARN }),
    }),
  },
  {
    name: "profile OIDC",
    env: () => ({}),
    config: (d) =>
      profile("rrsa", {
        mode: "OIDC",
        oidc_provider_arn: OIDC_PROVIDER_ARN,
        oidc_token_file: tokenFile,
        ram_role_arn: ROLE_ARN,
        ram_session_name: "rrsa",
        sts_endpoint: d.emulator.stsUrl,
      }),
  },
  {
    name: "profile EcsRamRole",
    env: () => ({}),
    config: (d) => ({
      ...profile("runner", { mode: "EcsRamRole", ram_role_name: "runner-role" }),
      "directmail:ecsMetadataEndpoint": d.emulator.ecsMetadataUrl ?? "",
    }),
  },
  {
    name: "profile CredentialsURI",
    env: () => ({}),
    config: (d) => profile("sidecar", { mode: "CredentialsURI", credentials_uri: d.emulator.credentialsUri }),
  },
  {
    name: "the SDKs' INI file: a ram_role_arn section (ALIBABA_CLOUD_CREDENTIALS_FILE, ALIBABA_CLOUD_PROFILE)",
    env: () => {
      const path = join(dir, "credentials");
      writeFileSync(
        path,
        `[ci]\ntype = ram_role_arn\naccess_key_id = ${DEPLOYER.id}\naccess_key_secret = ${DEPLOYER.secret}\nrole_arn = ${ROLE_ARN}\nrole_session_name = ini\n`,
      );
      return { ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_PROFILE: "ci" };
    },
    config: sts,
  },
  {
    name: "ALIBABA_CLOUD_CREDENTIALS_URI",
    env: (d) => ({ ALIBABA_CLOUD_CREDENTIALS_URI: d.emulator.credentialsUri ?? "" }),
    config: () => ({}),
  },
  {
    name: "an ECS runner: directmail:ecsRoleName",
    env: () => ({}),
    config: (d) => ({ "directmail:ecsRoleName": "runner-role", "directmail:ecsMetadataEndpoint": d.emulator.ecsMetadataUrl ?? "" }),
  },
];

const CREDENTIAL_KEYS = [
  "directmail:stsEndpoint",
  "directmail:assumeRole",
  "directmail:profile",
  "directmail:sharedCredentialsFile",
  "directmail:ecsMetadataEndpoint",
  "directmail:ecsRoleName",
];

function rawFiles(root: string): string {
  return readdirSync(root)
    .map((entry) => join(root, entry))
    .map((path) => (statSync(path).isDirectory() ? rawFiles(path) : readFileSync(path, "latin1")))
    .join("\n");
}

const program = (names: readonly string[]) => async () => {
  for (const name of names) new MailAddress(name, { accountName: `${name}@example.com`, sendtype: "trigger" });
  return {};
};

describe("each credential mode through the engine", () => {
  let d: Deployment;
  let sourceEnv: Record<string, string>;
  beforeAll(async () => {
    d = await deploy({
      projectName: "credentials",
      // Each mode deletes the previous mode's address: more modes than DirectMail's 10 deletions a month.
      emulator: { ...credentialServices(), accessKeys: [DEFAULT_ACCESS_KEY, DEPLOYER], monthlyDeleteLimit: 100 },
    });
    sourceEnv = { ...d.local.stack.workspace.envVars };
    d.setProgram(program(["base"]));
    await d.up();
  });
  afterAll(async () => {
    d.local.stack.workspace.envVars = sourceEnv;
    for (const key of CREDENTIAL_KEYS) await d.local.stack.removeConfig(key);
    await d.destroy();
    await d.close();
  });

  test.each(MODES.map((m, i) => [m.name, i] as const))("%s: create, delete and refresh with its sessions", async (_name, i) => {
    const mode = MODES[i];
    const { ALIBABA_CLOUD_ACCESS_KEY_ID: _id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret, ...rest } = sourceEnv;
    d.local.stack.workspace.envVars = { ...rest, ...mode.env(d) };
    for (const key of CREDENTIAL_KEYS) await d.local.stack.removeConfig(key);
    for (const [key, value] of Object.entries(mode.config(d))) await d.local.stack.setConfig(key, { value });

    const issued = d.emulator.issuedKeys.length;
    const dmBefore = d.emulator.requests.length;
    d.setProgram(program(["base", `mode${i}`]));
    const up = await d.up();
    expect(changes(up.summary)).toEqual(i === 0 ? { create: 1 } : { create: 1, delete: 1 });
    await d.refresh();
    // Every DirectMail request since was signed with a session the mode's source got (the deployer key may only assume roles).
    expect(d.emulator.issuedKeys.length).toBeGreaterThan(issued);
    const dm = d.emulator.requests.slice(dmBefore).filter((r) => !r.action.startsWith("AssumeRole"));
    expect(dm.length).toBeGreaterThan(0);
    expect(dm.filter((r) => r.status !== 200)).toEqual([]);
  });

  test("no key, secret, security token or OIDC token in the raw backend files, the export or the output, in any encoding", () => {
    const secrets = [
      DEFAULT_ACCESS_KEY.secret,
      DEPLOYER.secret,
      TOKEN,
      ...d.emulator.issuedKeys.flatMap((k) => [k.id, k.secret, k.securityToken ?? ""]),
    ];
    expect(d.emulator.issuedKeys.length).toBeGreaterThanOrEqual(MODES.length);
    const texts = { backend: rawFiles(join(d.local.dir, "state")), export: d.exportWithoutSecrets(), output: d.output.join("") };
    for (const [where, text] of Object.entries(texts)) {
      for (const secret of secrets) {
        for (const form of [...secretForms(secret), Buffer.from(secret).toString("base64")]) {
          if (text.includes(form)) throw new Error(`a credential (${secret.slice(0, 4)}…) is in the ${where}`);
        }
      }
    }
    // Role ARNs and profile names may be recorded (the stack config is in the backend).
    expect(texts.backend).toContain("directmail:sharedCredentialsFile");
  });
});

const checkDomainCalls = (d: Deployment): number => d.emulator.requests.filter((r) => r.action === "CheckDomain").length;

describe("a short session across its expiry, during one up", () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await deploy({
      projectName: "short-session",
      emulator: { ...credentialServices({ sessionSeconds: 5 }), accessKeys: [DEFAULT_ACCESS_KEY, DEPLOYER] },
    });
    const { ALIBABA_CLOUD_ACCESS_KEY_ID: _id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret, ...rest } = d.local.stack.workspace.envVars;
    d.local.stack.workspace.envVars = { ...rest, ...deployerEnv };
    await d.local.stack.setConfig("directmail:stsEndpoint", { value: d.emulator.stsUrl ?? "" });
    await d.local.stack.setConfig("directmail:assumeRole", { value: JSON.stringify({ roleArn: ROLE_ARN, durationSeconds: 900 }) });
  });
  afterAll(async () => {
    await d.destroy();
    await d.close();
  });

  test("a domain's wait for verification goes on past several 5-second sessions: each is replaced before it expires", async () => {
    d.setProgram(async () => {
      const domain = new MailDomain("mail", { domainName: "mail.example.net", waitForVerification: { timeoutMinutes: 2 } });
      return { usable: domain.usable };
    });
    const started = Date.now();
    // The records appear 12 s into the wait, not into the up: on a loaded machine the engine may take that long
    // to reach the domain, and a wait that finds the records at its first check spans a single session.
    const checksBefore = checkDomainCalls(d);
    let upDone = false;
    const publishing = (async () => {
      while (!upDone && checkDomainCalls(d) === checksBefore) await sleep(100);
      const waitStarted = Date.now();
      while (!upDone && Date.now() - waitStarted < 12_000) await sleep(100);
      if (!upDone) await d.emulator.dns({ domainName: "mail.example.net", records: ["ownership", "spf", "mx"] });
    })();
    try {
      const up = await d.up();
      expect(up.outputs.usable.value).toBe(true);
    } finally {
      upDone = true;
      await publishing;
    }
    const seconds = (Date.now() - started) / 1000;
    const sessions = d.emulator.issuedKeys.length;
    process.stdout.write(`short session: up took ${seconds.toFixed(1)} s on 5-second sessions, ${sessions} sessions\n`);
    expect(seconds).toBeGreaterThan(12);
    expect(sessions).toBeGreaterThanOrEqual(3);
    // Never an expired key sent: no request was refused for it.
    expect(d.emulator.requests.filter((r) => r.code === "InvalidSecurityToken.Expired")).toEqual([]);
  });
});

describe("several accounts in one stack", () => {
  let d: Deployment;
  const PROD = "111111111111";
  const STAGING = "222222222222";
  const names = (account: string) =>
    d.emulator
      .addressesOfAccount(account)
      .map((a) => a.accountName)
      .sort();
  const twoAccounts = (moverAccount: string) => async () => {
    const prod = new MailAddress("prod", { accountName: "noreply@example.com", sendtype: "trigger", account: { roleArn: PROD_ROLE_ARN } });
    // The same name in the other account: a different object.
    new MailAddress("staging", { accountName: "noreply@example.com", sendtype: "trigger", account: { roleArn: STAGING_ROLE_ARN } });
    new MailAddress("mover", { accountName: "mover@example.com", sendtype: "batch", account: { roleArn: moverAccount } });
    // Look-ups in the program name their account the same way.
    const inAccount = async (roleArn: string) => (await getMailAddresses({ account: { roleArn } })).map((a) => a.accountName).sort();
    return { prod: prod.mailAddressId, prodNames: await inAccount(PROD_ROLE_ARN), stagingNames: await inAccount(STAGING_ROLE_ARN) };
  };
  beforeAll(async () => {
    d = await deploy({ projectName: "two-accounts", emulator: { ...credentialServices(), accessKeys: [DEFAULT_ACCESS_KEY, DEPLOYER] } });
    // One pipeline identity that may only assume roles; each resource names the account's role. In stack
    // config (encrypted), so that the program's look-ups, which run in this test's process here, find it too.
    const { ALIBABA_CLOUD_ACCESS_KEY_ID: _id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret, ...rest } = d.local.stack.workspace.envVars;
    d.local.stack.workspace.envVars = rest;
    await d.local.stack.setConfig("directmail:accessKeyId", { value: DEPLOYER.id });
    await d.local.stack.setConfig("directmail:accessKeySecret", { value: DEPLOYER.secret, secret: true });
    await d.local.stack.setConfig("directmail:stsEndpoint", { value: d.emulator.stsUrl ?? "" });
  });
  afterAll(() => d.close());

  test("up creates each address in its own account; refresh reads each from its own", async () => {
    d.setProgram(twoAccounts(STAGING_ROLE_ARN));
    expect(changes((await d.up()).summary)).toEqual({ create: 4 }); // the stack and three addresses
    expect(names(PROD)).toEqual(["noreply@example.com"]);
    expect(names(STAGING)).toEqual(["mover@example.com", "noreply@example.com"]);
    expect(d.emulator.inspect.allAddresses()).toEqual([]);
    const refresh = await d.refresh();
    expect(changes(refresh.summary)).toEqual({});
  });

  test("the serialized provider does not grow, and no credential is in the state", () => {
    const state = JSON.parse(d.stateFile()) as {
      checkpoint: { latest: { resources: Array<{ type: string; outputs?: Record<string, unknown> }> } };
    };
    const providers = state.checkpoint.latest.resources
      .filter((r) => r.type === "pulumi-nodejs:dynamic/directmail:MailAddress")
      .map((r) => String(r.outputs?.__provider ?? ""));
    expect(providers).toHaveLength(3);
    expect(new Set(providers).size).toBe(1);
    expect(providers[0].length).toBeLessThan(4_000);
    const raw = rawFiles(join(d.local.dir, "state"));
    expect(raw).toContain(PROD_ROLE_ARN);
    for (const k of d.emulator.issuedKeys) for (const secret of [k.secret, k.securityToken ?? ""]) expect(raw).not.toContain(secret);
    expect(raw).not.toContain(DEPLOYER.secret);
  });

  test("moving a resource to another account is a replacement: created there, deleted here", async () => {
    d.setProgram(twoAccounts(PROD_ROLE_ARN));
    const preview = await d.preview();
    expect(changes(preview.changeSummary)).toEqual({ replace: 1 });
    const up = await d.up();
    // What each account held when the program ran (before the move).
    expect(up.outputs.prodNames.value).toEqual(["noreply@example.com"]);
    expect(up.outputs.stagingNames.value).toEqual(["mover@example.com", "noreply@example.com"]);
    expect(names(PROD)).toEqual(["mover@example.com", "noreply@example.com"]);
    expect(names(STAGING)).toEqual(["noreply@example.com"]);
  });

  test("destroy deletes each from its own account", async () => {
    await d.destroy();
    expect(names(PROD)).toEqual([]);
    expect(names(STAGING)).toEqual([]);
  });

  test("a domain's verification reads the domain in the account it names", async () => {
    const account = { roleArn: STAGING_ROLE_ARN };
    d.setProgram(async () => {
      const domain = new MailDomain("staging-domain", { domainName: "mail.staging.example.net", account });
      const verification = new MailDomainVerification("staging-domain", {
        domainId: domain.domainId,
        domainName: domain.domainName,
        account,
        timeoutMinutes: 0.05,
      });
      return { status: verification.status };
    });
    // Nothing publishes its records: the wait runs out, on the staging account's domain (not "no such domain").
    const err = String(await d.up().catch((e: Error) => e));
    expect(err).toContain("domain mail.staging.example.net was not verified within 0.05 minutes");
    await d.destroy();
  });
});
