import { readSettings, unknownConfigKeys } from "../../provider/config/settings";
import { ClientPool } from "../../provider/config/clientPool";
import { MailAddressRuntime } from "../../provider/resources/mailAddress/runtime";

test("an unknown directmail:* key is named with the nearest known one; other namespaces and known keys pass", () => {
  expect(unknownConfigKeys(["directmail:endpoint", "directmail:region", "aws:region", "proj:smtpPassword"])).toEqual([]);
  const [problem] = unknownConfigKeys(["directmail:endpont"]);
  expect(problem).toContain("directmail:endpont is not a setting of pulumi-directmail; did you mean directmail:endpoint?");
  // Nothing near enough: no guess, but the list of known keys.
  expect(unknownConfigKeys(["directmail:zzzzzzzzzzzz"])[0]).not.toContain("did you mean");
  expect(unknownConfigKeys(["directmail:zzzzzzzzzzzz"])[0]).toContain("known: directmail:region");
});

test("check reports it at preview, before any API call", async () => {
  const pool = new ClientPool(readSettings(() => undefined, {}, ["directmail:acessKeyId"]));
  const result = await new MailAddressRuntime(() => pool).check({} as never, { accountName: "a@example.com", sendtype: "batch" } as never);
  expect(result.failures?.[0]?.reason).toContain("did you mean directmail:accessKeyId?");
});

describe("directmail:emulator: the embedded emulator's quotas", () => {
  const embedded = (emulator?: unknown) =>
    readSettings((key) => ({ "directmail:endpoint": "embedded", "directmail:emulator": emulator })[key], {}).embedded;

  test("the monthly deletion limit is off by default; the quotas a loop cannot hit keep DirectMail's values", () => {
    expect(embedded()?.limits).toEqual({ monthlyDeleteLimit: 0, addressLimit: 10, domainLimit: 5 });
  });

  test("a limit asked for is kept, as the engine hands it over: JSON text or an object, a number or digits", () => {
    expect(embedded('{"monthlyDeleteLimit":10}')?.limits.monthlyDeleteLimit).toBe(10);
    expect(embedded({ monthlyDeleteLimit: "10", addressLimit: 3 })?.limits).toEqual({
      monthlyDeleteLimit: 10,
      addressLimit: 3,
      domainLimit: 5,
    });
  });

  test("a malformed setting is refused at preview with the rule, never dropped", async () => {
    const problems = (emulator: unknown) =>
      new ClientPool(readSettings((key) => ({ "directmail:endpoint": "embedded", "directmail:emulator": emulator })[key], {}))
        .settingsProblems;
    expect(problems({ monthlyDeletLimit: 10 })[0]).toContain("directmail:emulator.monthlyDeletLimit is not an emulator quota");
    expect(problems({ monthlyDeleteLimit: -1 })[0]).toContain("directmail:emulator.monthlyDeleteLimit must be a whole number");
    expect(problems("ten")[0]).toContain("pulumi config set --path directmail:emulator.monthlyDeleteLimit 10");
    const pool = new ClientPool(readSettings((key) => ({ "directmail:endpoint": "embedded", "directmail:emulator": "[]" })[key], {}));
    const result = await new MailAddressRuntime(() => pool).check(
      {} as never,
      { accountName: "a@example.com", sendtype: "batch" } as never,
    );
    expect(result.failures?.[0]?.reason).toContain("directmail:emulator must be an object");
  });
});

test("an endpoint the client would refuse is refused at preview, with the rule", () => {
  const problems = (endpoint: string) =>
    new ClientPool(
      readSettings((key) => ({ "directmail:endpoint": endpoint })[key], {
        ALIBABA_CLOUD_ACCESS_KEY_ID: "a",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "b",
      }),
    ).settingsProblems;
  expect(problems("http://dm.example.com")).toEqual([expect.stringContaining('endpoint "http://dm.example.com" uses plain http')]);
  expect(problems("ftp://dm.example.com")).toEqual([expect.stringContaining("must use https")]);
  expect(problems("https://dm.example.com")).toEqual([]);
  expect(problems("http://127.0.0.1:8080")).toEqual([]);
});

describe("credential settings", () => {
  const config = (values: Record<string, string>) => (key: string) => values[key];
  const check = async (
    values: Record<string, string>,
    env: NodeJS.ProcessEnv = { ALIBABA_CLOUD_ACCESS_KEY_ID: "a", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "b" },
  ) => {
    const pool = new ClientPool(
      readSettings(config(values), { ...env, ALICLOUD_SHARED_CREDENTIALS_FILE: "/nonexistent/config.json" }, Object.keys(values)),
    );
    const result = await new MailAddressRuntime(() => pool).check(
      {} as never,
      { accountName: "a@example.com", sendtype: "batch" } as never,
    );
    return (result.failures ?? []).map((f) => f.reason);
  };

  it("are known keys", () => {
    const keys = ["profile", "sharedCredentialsFile", "assumeRole", "stsEndpoint", "ecsRoleName", "ecsMetadataEndpoint", "credentialsUri"];
    expect(unknownConfigKeys(keys.map((k) => `directmail:${k}`))).toEqual([]);
  });

  it("directmail:assumeRole is read as an object of the known fields", () => {
    const s = readSettings(
      config({ "directmail:assumeRole": JSON.stringify({ roleArn: "acs:ram::1:role/r", durationSeconds: "1800", sessionName: "ci" }) }),
      {},
    );
    expect(s.credentials.assumeRole).toEqual({ roleArn: "acs:ram::1:role/r", durationSeconds: 1800, sessionName: "ci" });
    expect(s.invalidSettings).toEqual([]);
  });

  it.each([
    [{ "directmail:assumeRole": "acs:ram::1:role/r" }, /directmail:assumeRole must be an object/],
    [{ "directmail:assumeRole": JSON.stringify({ role: "x" }) }, /directmail:assumeRole.role is not a field of directmail:assumeRole/],
    [{ "directmail:assumeRole": JSON.stringify({ sessionName: "x" }) }, /directmail:assumeRole.roleArn is required/],
    [
      { "directmail:assumeRole": JSON.stringify({ roleArn: "acs:ram::1:role/r", durationSeconds: 100 }) },
      /durationSeconds must be a whole number from 900 to 43200 \(got 100\)/,
    ],
    [
      { "directmail:assumeRole": JSON.stringify({ roleArn: "role/r" }) },
      /credentials from directmail:assumeRole: roleArn "role\/r" is not a RAM role ARN/,
    ],
    [
      { "directmail:stsEndpoint": "http://sts.example.com", "directmail:assumeRole": JSON.stringify({ roleArn: "acs:ram::1:role/r" }) },
      /plain http; use https/,
    ],
    [{ "directmail:profile": "prod" }, /directmail:profile "prod".*does not exist/],
  ])("check refuses %j at preview, naming the setting and the rule", async (values, message) => {
    const reasons = await check(values);
    expect(reasons.join("\n")).toMatch(message);
  });

  it("check refuses an INI credentials file that ALIBABA_CLOUD_CREDENTIALS_FILE names but is not there, at preview", async () => {
    const reasons = await check({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: "/nonexistent/credentials" });
    expect(reasons.join("\n")).toContain(
      "credentials from the INI credentials file /nonexistent/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE): does not exist",
    );
  });

  it("check does not ask for credentials that are simply absent (the embedded emulator needs none)", async () => {
    expect(await check({}, {})).toEqual([]);
  });
});
