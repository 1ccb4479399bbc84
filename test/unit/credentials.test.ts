import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { credentialChain, CredentialsError, CredentialsNotFoundError, resolveStsEndpoint, SessionCache } from "../../client";
import type { Credentials } from "../../client";
import { scratchDir } from "../support/scratch";
import { thrown } from "../support/thrown";

const scratch = scratchDir("aliyun");
let files = 0;

function profileFile(content: unknown): string {
  const path = join(scratch, `config-${files++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const NO_FILE = "/nonexistent/.aliyun/config.json";
const ROLE = "acs:ram::123456789012:role/mail-admin";
const KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: "id-env", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-env" };

test("the tests' own processes carry none of this machine's Alibaba Cloud settings (jest's globalSetup, test/support/isolatedEnv.js)", () => {
  // The chain as every test process and the engine it starts would read it, from the environment and the default profile file.
  expect(() => credentialChain()).toThrow(CredentialsNotFoundError);
  expect(Object.keys(process.env).filter((name) => /^(ALIBABA_CLOUD_|ALICLOUD_)/.test(name))).toEqual(["ALICLOUD_SHARED_CREDENTIALS_FILE"]);
});

describe("the chain's order", () => {
  it("prefers explicit values over the environment", async () => {
    const c = await credentialChain({ accessKeyId: "id-x", accessKeySecret: "secret-x", env: KEYS, profileFile: NO_FILE }).get();
    expect(c).toMatchObject({ accessKeyId: "id-x", source: "explicit configuration" });
  });

  it("refuses half of an explicit pair instead of mixing sources", () => {
    expect(() => credentialChain({ accessKeyId: "id-x", env: {}, profileFile: NO_FILE })).toThrow(/only accessKeyId is set/);
  });

  it.each([
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: "a", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "b", ALIBABA_CLOUD_SECURITY_TOKEN: "t" }, "a", "t"],
    [{ ALICLOUD_ACCESS_KEY: "a2", ALICLOUD_SECRET_KEY: "b2", ALICLOUD_SECURITY_TOKEN: "t2" }, "a2", "t2"],
  ])("reads the environment %#", async (env, id, token) => {
    const c = await credentialChain({ env, profileFile: NO_FILE }).get();
    // The variables it read, by name: a message can then say where to correct a wrong secret.
    expect(c).toMatchObject({
      accessKeyId: id,
      securityToken: token,
      source: `the environment variables ${Object.keys(env)[0]} and ${Object.keys(env)[1]}`,
    });
  });

  it("environment keys come before the OIDC triple, the triple before the profile file", () => {
    const path = profileFile({ current: "main", profiles: [{ name: "main", mode: "AK", access_key_id: "ak", access_key_secret: "s" }] });
    const oidc = {
      ALIBABA_CLOUD_ROLE_ARN: ROLE,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::123456789012:oidc-provider/gh",
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/t",
    };
    expect(credentialChain({ env: { ...KEYS, ...oidc }, profileFile: path }).name).toMatch(/^the environment variables/);
    expect(credentialChain({ env: oidc, profileFile: path }).name).toMatch(/^the OIDC environment/);
    expect(credentialChain({ env: {}, profileFile: path }).name).toBe(`profile "main" in ${path}`);
    // directmail:profile is explicit configuration: before the environment's keys.
    expect(credentialChain({ env: KEYS, profile: "main", profileFile: path }).name).toBe(`profile "main" in ${path}`);
  });

  it("reads AK and StsToken profiles, choosing by ALIBABA_CLOUD_PROFILE or current", async () => {
    const path = profileFile({
      current: "main",
      profiles: [
        { name: "main", mode: "AK", access_key_id: "ak-main", access_key_secret: "s-main" },
        { name: "sts", mode: "StsToken", access_key_id: "ak-sts", access_key_secret: "s-sts", sts_token: "tok" },
      ],
    });
    expect(await credentialChain({ env: {}, profileFile: path }).get()).toMatchObject({ accessKeyId: "ak-main" });
    expect(await credentialChain({ env: { ALIBABA_CLOUD_PROFILE: "sts" }, profileFile: path }).get()).toMatchObject({
      accessKeyId: "ak-sts",
      securityToken: "tok",
    });
  });

  it("names every place it looked, and why each failed, when nothing is found", () => {
    const error = thrown(() => credentialChain({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "only-id" }, profileFile: NO_FILE }));
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.message).toContain("directmail:accessKeyId");
    expect(error.message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID / ALICLOUD_ACCESS_KEY");
    expect(error.message).toContain("only one of the pair is set");
    expect(error.message).toContain(`${NO_FILE} (no such file)`);
    expect(error.message).toContain("never probed unless named");
  });

  it("asks nothing of the ECS metadata service unless a role is named", () => {
    expect(() => credentialChain({ env: {}, profileFile: NO_FILE })).toThrow(CredentialsNotFoundError);
    expect(credentialChain({ env: { ALICLOUD_ECS_ROLE_NAME: "runner" }, profileFile: NO_FILE }).name).toMatch(
      /ECS instance RAM role runner/,
    );
  });
});

describe("bad settings fail before any request, naming the source and the rule", () => {
  const chain = (profiles: unknown[], current = "ci") => credentialChain({ env: {}, profileFile: profileFile({ current, profiles }) });

  it.each([
    ["a malformed role ARN", { roleArn: "arn:aws:iam::1:role/x" }, /roleArn "arn:aws:iam::1:role\/x" is not a RAM role ARN/],
    ["a duration below 900", { roleArn: ROLE, durationSeconds: 60 }, /durationSeconds must be a whole number from 900 to 43200 \(got 60\)/],
    ["a duration above 43200", { roleArn: ROLE, durationSeconds: 50_000 }, /from 900 to 43200 \(got 50000\)/],
    ["a bad session name", { roleArn: ROLE, sessionName: "a b" }, /sessionName must be 2 to 64/],
  ])("directmail:assumeRole with %s", (_what, assumeRole, message) => {
    const error = thrown(() => credentialChain({ env: KEYS, profileFile: NO_FILE, assumeRole }));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/^credentials from directmail:assumeRole/);
    expect(error.message).toMatch(message);
  });

  it("a profile whose source profile is missing", () => {
    expect(() => chain([{ name: "ci", mode: "ChainableRamRoleArn", source_profile: "gone", ram_role_arn: ROLE }])).toThrow(
      /profile "ci" in .*: its source_profile "gone" is not in the file/,
    );
  });

  it("a loop of chained profiles", () => {
    expect(() =>
      chain([
        { name: "ci", mode: "ChainableRamRoleArn", source_profile: "b", ram_role_arn: ROLE },
        { name: "b", mode: "ChainableRamRoleArn", source_profile: "ci", ram_role_arn: ROLE },
      ]),
    ).toThrow(/source_profile makes a loop: "ci" -> "b" -> "ci"/);
  });

  it("an unknown mode, and the CLI's interactive modes", () => {
    expect(() => chain([{ name: "ci", mode: "Magic" }])).toThrow(/unknown mode "Magic"; the modes are AK, StsToken, RamRoleArn/);
    expect(() => chain([{ name: "ci", mode: "CloudSSO" }])).toThrow(/mode CloudSSO is not supported: it needs an interactive sign-in/);
  });

  it("a mode without its fields", () => {
    expect(() => chain([{ name: "ci", mode: "RamRoleArn", access_key_id: "a", access_key_secret: "b" }])).toThrow(
      /mode RamRoleArn needs ram_role_arn/,
    );
  });

  it("a directmail:profile that is not in the file", () => {
    const path = profileFile({ current: "x", profiles: [{ name: "x", mode: "AK", access_key_id: "a", access_key_secret: "b" }] });
    expect(() => credentialChain({ env: {}, profile: "prod", profileFile: path })).toThrow(
      /profile "prod" .*no such profile \(the file has "x"\)/,
    );
  });

  it("an OIDC token file that cannot be read fails at the request for a session, naming the file", async () => {
    const source = credentialChain({
      env: {
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::123456789012:oidc-provider/gh",
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/nonexistent/token",
      },
      profileFile: NO_FILE,
      stsEndpoint: "http://127.0.0.1:9",
    });
    await expect(source.get()).rejects.toThrow(
      /the OIDC environment .*: the OIDC token file \/nonexistent\/token cannot be read \(no such file\)/,
    );
  });

  it("a credentials URI over plain http anywhere but loopback: its answer is keys", () => {
    for (const uri of ["http://sidecar.example:8080/credentials", "http://10.0.0.5/credentials", "http://[fd00::1]/credentials"]) {
      for (const inputs of [{ credentialsUri: uri }, {}]) {
        const env = "credentialsUri" in inputs ? {} : { ALIBABA_CLOUD_CREDENTIALS_URI: uri };
        expect(() => credentialChain({ env, profileFile: NO_FILE, ...inputs })).toThrow(
          /uses plain http; its answer carries keys, so use https/,
        );
      }
    }
    const profile = profileFile({
      current: "ci",
      profiles: [{ name: "ci", mode: "CredentialsURI", credentials_uri: "http://10.0.0.5/c" }],
    });
    expect(() => credentialChain({ env: {}, profileFile: profile })).toThrow(/profile "ci" .*uses plain http/);
    for (const uri of ["http://127.0.0.1:8080/credentials", "http://localhost:1/c", "http://[::1]:2/c", "https://agent.example/c"]) {
      expect(credentialChain({ env: {}, profileFile: NO_FILE, credentialsUri: uri }).name).toBe("directmail:credentialsUri");
    }
  });

  it("an OIDC token file is read to a little past STS's 20000 characters, never whole (a log or /dev/zero named by mistake)", async () => {
    const big = join(scratch, "big-token");
    writeFileSync(big, "a".repeat(1024 * 1024));
    const source = credentialChain({
      env: {
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::123456789012:oidc-provider/gh",
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: big,
      },
      profileFile: NO_FILE,
      stsEndpoint: "http://127.0.0.1:9",
    });
    // "more than": what was read stopped short of the file's 1048576 characters.
    await expect(source.get()).rejects.toThrow(/the OIDC token file \S+ holds more than 20000 characters; STS takes a token of 4 to 20000/);
  });

  it("STS over plain http anywhere but loopback", () => {
    expect(() => resolveStsEndpoint("http://sts.example.com", undefined, "directmail:stsEndpoint")).toThrow(/plain http; use https/);
    expect(resolveStsEndpoint("http://127.0.0.1:8080", undefined, "x").href).toBe("http://127.0.0.1:8080/");
    expect(resolveStsEndpoint("sts-vpc.cn-shanghai.aliyuncs.com/", undefined, "x").href).toBe("https://sts-vpc.cn-shanghai.aliyuncs.com/");
    expect(resolveStsEndpoint(undefined, "cn-beijing", "x").href).toBe("https://sts.cn-beijing.aliyuncs.com/");
    expect(resolveStsEndpoint(undefined, undefined, "x").href).toBe("https://sts.aliyuncs.com/");
  });
});

describe("SessionCache", () => {
  const session = (at: number, expiresAt: number): Credentials => ({
    accessKeyId: `k${at}`,
    accessKeySecret: "s",
    securityToken: "t",
    expiresAt,
    source: "s",
  });

  it("keeps a session until a quarter of its life (at most 5 minutes) is left, then fetches once for all who ask", async () => {
    let now = 0;
    let fetches = 0;
    const cache = new SessionCache(
      "test",
      "acct",
      async () => session(fetches++, now + 900_000),
      () => now,
    );
    await cache.get();
    now = 900_000 - 225_001;
    expect((await cache.get()).accessKeyId).toBe("k0");
    now = 900_000 - 225_000;
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect([a.accessKeyId, b.accessKeyId, fetches]).toEqual(["k1", "k1", 2]);
  });

  it("never hands out the old session after a failed refresh", async () => {
    let now = 0;
    let fail = false;
    const cache = new SessionCache(
      "test",
      "acct",
      async () => {
        if (fail) throw new CredentialsError("test", "STS refused [NoPermission]", "NoPermission");
        return session(0, now + 10_000);
      },
      () => now,
    );
    await cache.get();
    fail = true;
    now = 9_000;
    await expect(cache.get()).rejects.toThrow(/NoPermission/);
    await expect(cache.get()).rejects.toThrow(/NoPermission/);
  });
});
