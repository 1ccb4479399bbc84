import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CredentialInputs, credentialChain, CredentialsError, DirectMailClient, DirectMailServiceError, Pacer } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import {
  ACCOUNT,
  credentialServices,
  OIDC_PROVIDER_ARN,
  oidcToken,
  ROLE_ARN,
  SECOND_ROLE_ARN,
  writeProfiles,
} from "../support/credentials";
import { FAST_RETRY } from "../support/emulator";
import { scratchDir } from "../support/scratch";

/** Every source of the chain against the emulator's STS, metadata service and credentials URI, over loopback. */

const dir = scratchDir("creds");
let emulator: RunningEmulator;
let tokenFile: string;
const clients: DirectMailClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ domains: ["example.com"], rateLimits: false, ...credentialServices() });
  tokenFile = join(dir, "token");
  writeFileSync(tokenFile, `${oidcToken()}\n`);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await emulator.stop();
});

const key = () => ({ ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKey.secret });
const noFile = join("/nonexistent", "config.json");

function client(credentials: CredentialInputs): DirectMailClient {
  const c = new DirectMailClient({ endpoint: emulator.url, credentials, retry: FAST_RETRY, pacer: false });
  clients.push(c);
  return c;
}

/** A DirectMail call with the chain's key: the key is accepted, and is the session the source said. */
async function works(inputs: CredentialInputs): Promise<string> {
  const source = credentialChain(inputs);
  const credentials = await source.get();
  await client(inputs).queryMailAddressByParam({});
  return credentials.accessKeyId;
}

describe("each source, each mode", () => {
  it("environment keys", async () => {
    expect(await works({ env: key(), profileFile: noFile })).toBe(emulator.accessKey.id);
  });

  it("the OIDC environment triple: AssumeRoleWithOIDC, unsigned", async () => {
    const env = {
      ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER_ARN,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
    };
    const id = await works({ env, profileFile: noFile, stsEndpoint: emulator.stsUrl });
    expect(id).toMatch(/^STS\./);
    const oidc = emulator.requests.filter((r) => r.action === "AssumeRoleWithOIDC" && r.status === 200);
    expect(oidc.length).toBeGreaterThan(0);
  });

  it.each([
    ["AK", { mode: "AK", access_key_id: "@id", access_key_secret: "@secret" }, false],
    ["StsToken", { mode: "StsToken", access_key_id: "@sts-id", access_key_secret: "@sts-secret", sts_token: "@sts-token" }, true],
    [
      "RamRoleArn",
      {
        mode: "RamRoleArn",
        access_key_id: "@id",
        access_key_secret: "@secret",
        ram_role_arn: ROLE_ARN,
        ram_session_name: "desk",
        sts_endpoint: "@sts",
      },
      true,
    ],
    [
      "ChainableRamRoleArn",
      { mode: "ChainableRamRoleArn", source_profile: "base", ram_role_arn: SECOND_ROLE_ARN, sts_endpoint: "@sts" },
      true,
    ],
    ["EcsRamRole", { mode: "EcsRamRole", ram_role_name: "runner-role" }, true],
    ["EcsRamRole (role discovered)", { mode: "EcsRamRole" }, true],
    [
      "OIDC",
      {
        mode: "OIDC",
        oidc_provider_arn: OIDC_PROVIDER_ARN,
        oidc_token_file: "@token",
        ram_role_arn: ROLE_ARN,
        ram_session_name: "rrsa",
        sts_endpoint: "@sts",
      },
      true,
    ],
    ["CredentialsURI", { mode: "CredentialsURI", credentials_uri: "@uri" }, true],
  ])("a CLI profile in mode %s", async (_mode, fields, session) => {
    const sts = emulator.issueSession(3600);
    const fill = (v: unknown) =>
      v === "@id"
        ? emulator.accessKey.id
        : v === "@secret"
          ? emulator.accessKey.secret
          : v === "@sts-id"
            ? sts.id
            : v === "@sts-secret"
              ? sts.secret
              : v === "@sts-token"
                ? sts.securityToken
                : v === "@sts"
                  ? emulator.stsUrl
                  : v === "@token"
                    ? tokenFile
                    : v === "@uri"
                      ? emulator.credentialsUri
                      : v;
    const profile = Object.fromEntries(Object.entries({ name: "ci", ...fields }).map(([k, v]) => [k, fill(v)]));
    const base = {
      name: "base",
      mode: "RamRoleArn",
      access_key_id: emulator.accessKey.id,
      access_key_secret: emulator.accessKey.secret,
      ram_role_arn: ROLE_ARN,
      sts_endpoint: emulator.stsUrl,
    };
    const path = writeProfiles(dir, "ci", [profile, base], `profile-${_mode.replace(/\W/g, "")}.json`);
    const id = await works({ env: {}, profileFile: path, ecsMetadataEndpoint: emulator.ecsMetadataUrl });
    if (session) expect(id).toMatch(/^STS\./);
    else expect(id).toBe(emulator.accessKey.id);
  });

  it.each([
    ["access_key", "type = access_key\naccess_key_id = @id\naccess_key_secret = @secret", false],
    ["sts", "type = sts\naccess_key_id = @sts-id\naccess_key_secret = @sts-secret\nsecurity_token = @sts-token", true],
    [
      "ram_role_arn",
      `type = ram_role_arn\naccess_key_id = @id\naccess_key_secret = @secret\nrole_arn = ${ROLE_ARN}\nrole_session_name = ini-desk\nrole_session_expiration = 7200`,
      true,
    ],
    ["ecs_ram_role", "type = ecs_ram_role\nrole_name = runner-role", true],
    ["ecs_ram_role (role discovered)", "type = ecs_ram_role", true],
  ])("an INI credentials file section of type %s", async (type, fields, session) => {
    const sts = emulator.issueSession(3600);
    const values: Record<string, string> = {
      "@id": emulator.accessKey.id,
      "@secret": emulator.accessKey.secret,
      "@sts-id": sts.id,
      "@sts-secret": sts.secret,
      "@sts-token": sts.securityToken ?? "",
    };
    const path = join(dir, `credentials-${type.replace(/\W/g, "")}`);
    writeFileSync(path, `# the SDKs' file\n[other]\ntype = access_key\n\n[ci]\n${fields.replace(/@[\w-]+/g, (v) => values[v] ?? v)}\n`);
    const assumed = emulator.requests.filter((r) => r.action === "AssumeRole" && r.status === 200).length;
    const id = await works({
      env: { ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_PROFILE: "ci" },
      profileFile: noFile,
      stsEndpoint: emulator.stsUrl,
      ecsMetadataEndpoint: emulator.ecsMetadataUrl,
    });
    if (session) expect(id).toMatch(/^STS\./);
    else expect(id).toBe(emulator.accessKey.id);
    // A ram_role_arn section is AssumeRole signed with the section's key (the emulator checks the signature).
    if (type === "ram_role_arn") {
      expect(emulator.requests.filter((r) => r.action === "AssumeRole" && r.status === 200).length).toBeGreaterThan(assumed);
    }
  });

  it("ALIBABA_CLOUD_CREDENTIALS_URI", async () => {
    expect(await works({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: emulator.credentialsUri }, profileFile: noFile })).toMatch(/^STS\./);
  });

  it("an ECS role only when named (directmail:ecsRoleName), with the IMDSv2 token flow", async () => {
    const id = await works({ env: {}, profileFile: noFile, ecsRoleName: "runner-role", ecsMetadataEndpoint: emulator.ecsMetadataUrl });
    expect(id).toMatch(/^STS\./);
    // Nothing named: the chain never reaches the metadata service, and says where it looked.
    expect(() => credentialChain({ env: {}, profileFile: noFile, ecsMetadataEndpoint: emulator.ecsMetadataUrl })).toThrow(
      /never probed unless named/,
    );
  });

  it("a role path with a malformed percent-escape is a 404, and the metadata service goes on answering", async () => {
    const base = emulator.ecsMetadataUrl as string;
    const token = await (
      await fetch(`${base}/latest/api/token`, { method: "PUT", headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": "60" } })
    ).text();
    const malformed = await fetch(`${base}/latest/meta-data/ram/security-credentials/%E0%A4%A`, {
      headers: { "x-aliyun-ecs-metadata-token": token },
    });
    expect(malformed.status).toBe(404);
    const id = await works({ env: {}, profileFile: noFile, ecsRoleName: "runner-role", ecsMetadataEndpoint: base });
    expect(id).toMatch(/^STS\./);
  });

  it("the metadata service keeps at most 1024 tokens: past them the oldest is forgotten, so asking cannot fill its memory", async () => {
    const base = emulator.ecsMetadataUrl as string;
    const put = async () =>
      (await fetch(`${base}/latest/api/token`, { method: "PUT", headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": "600" } })).text();
    const roles = (token: string) =>
      fetch(`${base}/latest/meta-data/ram/security-credentials/`, { headers: { "x-aliyun-ecs-metadata-token": token } }).then(
        (r) => r.status,
      );
    const first = await put();
    expect(await roles(first)).toBe(200);
    for (let i = 0; i < 1024; i += 64) await Promise.all(Array.from({ length: 64 }, put));
    expect(await roles(first)).toBe(401);
    expect(await roles(await put())).toBe(200);
  });

  it("assumeRole on top of any source, signed with that source's current key", async () => {
    const id = await works({
      env: key(),
      profileFile: noFile,
      assumeRole: { roleArn: SECOND_ROLE_ARN, sessionName: "pipeline", externalId: "ext-1" },
      stsEndpoint: emulator.stsUrl,
    });
    expect(id).toMatch(/^STS\./);
    // ... and on an ECS role: the role's STS key signs AssumeRole with its token.
    const chained = await works({
      env: {},
      profileFile: noFile,
      ecsRoleName: "runner-role",
      ecsMetadataEndpoint: emulator.ecsMetadataUrl,
      assumeRole: { roleArn: SECOND_ROLE_ARN },
      stsEndpoint: emulator.stsUrl,
    });
    expect(chained).toMatch(/^STS\./);
  });
});

describe("sessions", () => {
  it("are refreshed before they expire, and an expired key is refused by DirectMail with InvalidSecurityToken.Expired", async () => {
    const short = await startEmulator({ domains: ["example.com"], rateLimits: false, ...credentialServices({ sessionSeconds: 2 }) });
    try {
      const inputs: CredentialInputs = {
        env: { ALIBABA_CLOUD_ACCESS_KEY_ID: short.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: short.accessKey.secret },
        profileFile: noFile,
        assumeRole: { roleArn: ROLE_ARN },
        stsEndpoint: short.stsUrl,
      };
      const c = new DirectMailClient({ endpoint: short.url, credentials: inputs, retry: FAST_RETRY, pacer: false });
      clients.push(c);
      await c.queryMailAddressByParam({});
      const first = short.issuedKeys.length;
      await new Promise((r) => setTimeout(r, 2_500));
      await c.queryMailAddressByParam({});
      // A new session was fetched for the second call: the first had expired.
      expect(short.issuedKeys.length).toBe(first + 1);
      expect(short.requests.filter((r) => r.code === "InvalidSecurityToken.Expired")).toHaveLength(0);

      // The first session's key, sent now, is refused with the real code.
      const old = short.issuedKeys[0];
      const raw = new DirectMailClient({
        endpoint: short.url,
        credentials: { accessKeyId: old.id, accessKeySecret: old.secret, securityToken: old.securityToken, env: {} },
        retry: FAST_RETRY,
        pacer: false,
      });
      clients.push(raw);
      const err = await raw.queryMailAddressByParam({}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DirectMailServiceError);
      expect((err as DirectMailServiceError).code).toBe("InvalidSecurityToken.Expired");
    } finally {
      await short.stop();
    }
  });

  it("a failed refresh is an error naming the source and STS's code, never the old key", async () => {
    const short = await startEmulator({ domains: ["example.com"], rateLimits: false, ...credentialServices({ sessionSeconds: 2 }) });
    try {
      const source = credentialChain({
        env: { ALIBABA_CLOUD_ACCESS_KEY_ID: short.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: short.accessKey.secret },
        profileFile: noFile,
        assumeRole: { roleArn: ROLE_ARN },
        stsEndpoint: short.stsUrl,
      });
      await source.get();
      // STS refuses the refresh (the emulator stays up).
      short.faults.next("throttle", "AssumeRole");
      await new Promise((r) => setTimeout(r, 2_000));
      const err = await source.get().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CredentialsError);
      expect((err as CredentialsError).message).toContain("directmail:assumeRole");
      expect((err as CredentialsError).code).toBe("Throttling.User");
    } finally {
      await short.stop();
    }
  });

  it("a throttled STS is asked again by the client's retry loop; a refusal that will not pass is not", async () => {
    const inputs: CredentialInputs = { env: key(), profileFile: noFile, assumeRole: { roleArn: ROLE_ARN }, stsEndpoint: emulator.stsUrl };
    emulator.faults.next("throttle", "AssumeRole");
    const before = emulator.requests.length;
    await client(inputs).queryMailAddressByParam({});
    const assumes = emulator.requests.slice(before).filter((r) => r.action === "AssumeRole");
    expect(assumes.map((r) => r.code ?? r.status)).toEqual(["Throttling.User", 200]);

    const refused = client({ ...inputs, assumeRole: { roleArn: "acs:ram::123456789012:role/no-such-role" } });
    const since = emulator.requests.length;
    const err = await refused.queryMailAddressByParam({}).catch((e: unknown) => e);
    expect((err as CredentialsError).code).toBe("EntityNotExist.Role");
    expect(emulator.requests.slice(since).filter((r) => r.action === "AssumeRole")).toHaveLength(1);
  });

  it("an OIDC token file is read again at every refresh (Kubernetes and CI runners rotate it)", async () => {
    const short = await startEmulator({ domains: ["example.com"], rateLimits: false, ...credentialServices({ sessionSeconds: 2 }) });
    const file = join(dir, "rotated-token");
    try {
      writeFileSync(file, oidcToken());
      const source = credentialChain({
        env: { ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: file },
        profileFile: noFile,
        stsEndpoint: short.stsUrl,
      });
      await source.get();
      // The file now holds a token that has expired: the next refresh must send it (and be refused), not the old one.
      writeFileSync(file, oidcToken({ exp: Math.floor(Date.now() / 1000) - 30 }));
      await new Promise((r) => setTimeout(r, 2_000));
      const err = await source.get().catch((e: unknown) => e);
      expect((err as CredentialsError).code).toBe("AuthenticationFail.OIDCToken.Expired");
      // A fresh token in the file: the refresh after works again.
      writeFileSync(file, oidcToken());
      expect((await source.get()).accessKeyId).toMatch(/^STS\./);
    } finally {
      await short.stop();
    }
  });

  it("one rate budget per account, whatever key it currently uses", async () => {
    const short = await startEmulator({ domains: ["example.com"], rateLimits: false, ...credentialServices({ sessionSeconds: 2 }) });
    const budgets = new Set<string>();
    const pacer = new Pacer();
    const acquire = pacer.acquire.bind(pacer);
    pacer.acquire = (budget: string, action: string) => {
      budgets.add(budget);
      return acquire(budget, action);
    };
    try {
      const c = new DirectMailClient({
        endpoint: short.url,
        credentials: {
          env: { ALIBABA_CLOUD_ACCESS_KEY_ID: short.accessKey.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: short.accessKey.secret },
          profileFile: noFile,
          assumeRole: { roleArn: ROLE_ARN },
          stsEndpoint: short.stsUrl,
        },
        retry: FAST_RETRY,
        pacer,
      });
      clients.push(c);
      await c.queryMailAddressByParam({});
      await new Promise((r) => setTimeout(r, 2_000));
      await c.queryMailAddressByParam({});
      expect(short.issuedKeys.length).toBe(2);
      expect([...budgets]).toEqual([`${ACCOUNT}@${short.url}/cn-hangzhou`]);
    } finally {
      await short.stop();
    }
  });
});

test("directmail-emulator --sts-role --ecs-role --credentials-uri starts each service for people, and prints where", async () => {
  const cli = join(__dirname, "../../node_modules/.bin/directmail-emulator");
  const child = spawn(cli, ["--sts-role", `${ROLE_ARN}:7200`, "--ecs-role", "runner-role", "--credentials-uri", "--quiet"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let said = "";
    child.stderr.on("data", (chunk: Buffer) => (said += chunk.toString()));
    const deadline = Date.now() + 15_000;
    while (!/credentials URI \S+/.test(said) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const stsUrl = /STS on (\S+)/.exec(said)?.[1];
    const metadata = /ECS metadata service on (\S+)/.exec(said)?.[1];
    const uri = /credentials URI (\S+)/.exec(said)?.[1];
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: "directmail-emulator", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "directmail-emulator-secret" };
    const assumed = await credentialChain({
      env,
      profileFile: noFile,
      stsEndpoint: stsUrl,
      assumeRole: { roleArn: ROLE_ARN, durationSeconds: 7200 },
    }).get();
    const ecs = await credentialChain({ env: {}, profileFile: noFile, ecsRoleName: "runner-role", ecsMetadataEndpoint: metadata }).get();
    const fromUri = await credentialChain({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: uri ?? "" }, profileFile: noFile }).get();
    for (const c of [assumed, ecs, fromUri]) expect(c.accessKeyId).toMatch(/^STS\./);
  } finally {
    child.kill("SIGTERM");
  }
});

test("a credential service's answer is read to 64 KiB at most: an endless one is refused, not held in memory", async () => {
  const chunk = Buffer.alloc(1024 * 1024, "a");
  let sent = 0;
  // Every path, every method: 200 MiB of one JSON-looking string, written as fast as it is read.
  const endless = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const write = () => {
      while (sent < 200 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", write);
      }
      res.end();
    };
    write();
  });
  await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
  try {
    const sources = [
      credentialChain({ env: {}, profileFile: noFile, credentialsUri: `${url}/credentials` }),
      credentialChain({ env: {}, profileFile: noFile, ecsRoleName: "runner-role", ecsMetadataEndpoint: url }),
      credentialChain({ env: key(), profileFile: noFile, assumeRole: { roleArn: ROLE_ARN }, stsEndpoint: url }),
    ];
    for (const source of sources) {
      sent = 0;
      await expect(source.get()).rejects.toThrow(`${url} answered more than 65536 bytes`);
      expect(sent).toBeLessThan(200 * 1024 * 1024);
    }
  } finally {
    endless.closeAllConnections();
    await new Promise((resolve) => endless.close(resolve));
  }
});
