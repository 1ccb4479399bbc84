import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { credentialChain, CredentialsError, CredentialsNotFoundError } from "../../client";
import { IniSyntaxError, parseIni } from "../../client/credentials/ini";
import { scratchDir } from "../support/scratch";
import { thrown } from "../support/thrown";

const scratch = scratchDir("ini");
let homes = 0;
const ROLE = "acs:ram::123456789012:role/mail-admin";

/** A home folder with these files (`ini`: ~/.alibabacloud/credentials, `cli`: ~/.aliyun/config.json). */
function home(files: { ini?: string; cli?: unknown } = {}): string {
  const dir = join(scratch, `home-${homes++}`);
  mkdirSync(join(dir, ".alibabacloud"), { recursive: true });
  mkdirSync(join(dir, ".aliyun"), { recursive: true });
  if (files.ini !== undefined) writeFileSync(join(dir, ".alibabacloud", "credentials"), files.ini);
  if (files.cli !== undefined) writeFileSync(join(dir, ".aliyun", "config.json"), JSON.stringify(files.cli));
  return dir;
}

function file(content: string): string {
  const path = join(scratch, `file-${homes++}`);
  writeFileSync(path, content);
  return path;
}

const AK_INI = "[default]\ntype = access_key\naccess_key_id = ak-ini\naccess_key_secret = s-ini\n";
const CLI = { current: "main", profiles: [{ name: "main", mode: "AK", access_key_id: "ak-cli", access_key_secret: "s-cli" }] };

describe("parseIni", () => {
  const sections = (text: string) => Object.fromEntries([...parseIni(text)].map(([name, keys]) => [name, Object.fromEntries(keys)]));

  it("reads sections, keys and values, trimming whitespace and skipping comments and blank lines", () => {
    const text = [
      "\uFEFF# the SDKs' file",
      "; another comment",
      "",
      "  [default]   # the one used",
      "type=access_key",
      "  access_key_id   =   AKID  ",
      "access_key_secret = se#cr;et   ; a comment after whitespace",
      "[prod.eu]",
      'role_arn = "acs:ram::1:role/x # not a comment"',
      "policy = 'C:\\path\\kept'  # comment",
      "empty =",
      "with_equals = a=b",
    ].join("\r\n");
    expect(sections(text)).toEqual({
      default: { type: "access_key", access_key_id: "AKID", access_key_secret: "se#cr;et" },
      "prod.eu": { role_arn: "acs:ram::1:role/x # not a comment", policy: "C:\\path\\kept", empty: "", with_equals: "a=b" },
    });
  });

  it("keeps every value a string, and a section named __proto__ a section like another", () => {
    const parsed = parseIni("[__proto__]\nenabled = true\n[x]\nnothing = null\n");
    expect(parsed.get("__proto__")?.get("enabled")).toBe("true");
    expect(parsed.get("x")?.get("nothing")).toBe("null");
    expect(({} as Record<string, unknown>).enabled).toBeUndefined();
  });

  it("merges a section given twice", () => {
    expect(sections("[a]\nx = 1\n[b]\ny = 2\n[a]\nz = 3\n")).toEqual({ a: { x: "1", z: "3" }, b: { y: "2" } });
  });

  it.each([
    ["[default]\nLTAIsecretvalue\n", 2, "it is neither a [section], a key = value line nor a comment"],
    ["type = access_key\n", 1, "a key = value line comes before any [section]"],
    ["[a]\n= value\n", 2, "a value has no key before its ="],
    ["[a]\nx = 1\nx = 2\n", 3, "key x is given twice in [a]"],
    ["[a]\nx = 1\n[b]\n[a]\nx = 2\n", 5, "key x is given twice in [a]"],
    ["[]\n", 1, "a section header has an empty name"],
    ["[a] trailing\n", 1, "a section header must read [name]"],
    ["[a\n", 1, "a section header must read [name]"],
    ['[a]\nx = "open\n', 2, "a quoted value has no closing quote"],
    ['[a]\nx = "v" more\n', 2, "there is text after a quoted value's closing quote"],
  ])("refuses %j at line %i", (text, line, problem) => {
    const error = thrown(() => parseIni(text));
    expect(error).toBeInstanceOf(IniSyntaxError);
    expect(error).toMatchObject({ line, problem: expect.stringContaining(problem) as string });
    // The line's content is never repeated (it may be a secret pasted without its key).
    expect(error.message).not.toContain("LTAIsecretvalue");
    expect(error.message).not.toContain("open");
  });
});

describe("the INI file in the chain", () => {
  it("is read at ~/.alibabacloud/credentials, section default", async () => {
    const h = home({ ini: AK_INI });
    const c = await credentialChain({ env: { HOME: h } }).get();
    expect(c).toMatchObject({
      accessKeyId: "ak-ini",
      accessKeySecret: "s-ini",
      source: `section [default] of the INI credentials file ${join(h, ".alibabacloud", "credentials")}`,
    });
  });

  it("comes after the environment's keys, the OIDC triple and the CLI file, as in the official chain", () => {
    const h = home({ ini: AK_INI, cli: CLI });
    const oidc = {
      ALIBABA_CLOUD_ROLE_ARN: ROLE,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::123456789012:oidc-provider/gh",
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/t",
    };
    const keys = { ALIBABA_CLOUD_ACCESS_KEY_ID: "id-env", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-env" };
    expect(credentialChain({ env: { HOME: h, ...keys } }).name).toMatch(/^the environment variables/);
    expect(credentialChain({ env: { HOME: h, ...oidc } }).name).toMatch(/^the OIDC environment/);
    expect(credentialChain({ env: { HOME: h } }).name).toMatch(/^profile "main" in /);
    // The CLI file switched off, or without the profile asked for: the INI file's turn.
    expect(credentialChain({ env: { HOME: h, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" } }).name).toMatch(/^section \[default\]/);
    expect(credentialChain({ env: { HOME: home({ ini: AK_INI }) } }).name).toMatch(/^section \[default\]/);
  });

  it("comes before a credentials URI and a named ECS role (the official chain asks the metadata service and the URI after it)", () => {
    const h = home({ ini: AK_INI });
    expect(credentialChain({ env: { HOME: h, ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:9/creds" } }).name).toMatch(
      /^section \[default\]/,
    );
    expect(credentialChain({ env: { HOME: h, ALICLOUD_ECS_ROLE_NAME: "runner" } }).name).toMatch(/^section \[default\]/);
    // directmail:profile is a CLI profile, before everything but explicit keys.
    expect(credentialChain({ env: { HOME: h }, profile: "main", profileFile: file(JSON.stringify(CLI)) }).name).toMatch(/^profile "main"/);
  });

  it("takes its section from ALIBABA_CLOUD_PROFILE, which the CLI file is asked for first", async () => {
    const ini = `${AK_INI}[ci]\ntype = sts\naccess_key_id = ak-ci\naccess_key_secret = s-ci\nsecurity_token = tok-ci\n`;
    const h = home({ ini, cli: CLI });
    expect(await credentialChain({ env: { HOME: h, ALIBABA_CLOUD_PROFILE: "ci" } }).get()).toMatchObject({
      accessKeyId: "ak-ci",
      securityToken: "tok-ci",
    });
    expect(await credentialChain({ env: { HOME: h, ALIBABA_CLOUD_PROFILE: "main" } }).get()).toMatchObject({ accessKeyId: "ak-cli" });
  });

  it("at its default path, a missing file or section is a place looked at, not an error", () => {
    const error = thrown(() => credentialChain({ env: { HOME: home({ ini: AK_INI }), ALIBABA_CLOUD_PROFILE: "other" } }));
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.message).toContain("credentials (no section [other])");
    const none = thrown(() => credentialChain({ env: { HOME: home() } }));
    expect(none.message).toMatch(/\.alibabacloud\/credentials \(no such file\)/);
  });

  it("resolves a ram_role_arn section over the assume-role code, with STS from directmail:stsEndpoint", () => {
    const ini = `[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\nrole_arn = ${ROLE}\nrole_session_name = ini-session\n`;
    const source = credentialChain({ env: { HOME: home({ ini }) }, stsEndpoint: "http://127.0.0.1:9" });
    expect(source.name).toMatch(
      /^section \[default\] of the INI credentials file .*\(role acs:ram::123456789012:role\/mail-admin, signed with section/,
    );
    expect(source.account).toBe("123456789012");
  });

  it("resolves an ecs_ram_role section to the metadata service, the role named or the instance's one", () => {
    const named = credentialChain({ env: { HOME: home({ ini: "[default]\ntype = ecs_ram_role\nrole_name = runner\n" }) } });
    expect([named.name, named.account]).toEqual([expect.stringMatching(/^section \[default\]/), "ecs-role:runner"]);
    const attached = credentialChain({ env: { HOME: home({ ini: "[default]\ntype = ecs_ram_role\n" }) } });
    expect(attached.account).toBe("ecs-role:attached");
  });
});

describe("ALIBABA_CLOUD_CREDENTIALS_FILE: the INI file to the SDKs, the CLI's JSON file to Terraform", () => {
  it("names the INI file when its content is not JSON", async () => {
    const path = file("[default]\ntype = access_key\naccess_key_id = ak-named\naccess_key_secret = s\n");
    const c = await credentialChain({ env: { HOME: home({ ini: AK_INI }), ALIBABA_CLOUD_CREDENTIALS_FILE: path } }).get();
    expect(c).toMatchObject({ accessKeyId: "ak-named", source: `section [default] of the INI credentials file ${path}` });
  });

  it("names the CLI file, in the CLI file's turn, when it holds JSON; the INI file is then at its default path", async () => {
    const path = file(
      `  ${JSON.stringify({ current: "tf", profiles: [{ name: "tf", mode: "AK", access_key_id: "ak-tf", access_key_secret: "s" }] })}`,
    );
    const h = home({ ini: AK_INI });
    expect(await credentialChain({ env: { HOME: h, ALIBABA_CLOUD_CREDENTIALS_FILE: path } }).get()).toMatchObject({
      accessKeyId: "ak-tf",
      source: `profile "tf" in ${path}`,
    });
    const disabled = { HOME: h, ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" };
    expect(await credentialChain({ env: disabled }).get()).toMatchObject({ accessKeyId: "ak-ini" });
    // ALICLOUD_SHARED_CREDENTIALS_FILE comes first, as in Terraform; the JSON the other names is then not read.
    const shared = file(JSON.stringify(CLI));
    expect(
      await credentialChain({ env: { HOME: h, ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALICLOUD_SHARED_CREDENTIALS_FILE: shared } }).get(),
    ).toMatchObject({ accessKeyId: "ak-cli" });
  });

  it("makes a missing file or section an error naming the variable, the file and the section", () => {
    const missing = thrown(() => credentialChain({ env: { HOME: home(), ALIBABA_CLOUD_CREDENTIALS_FILE: "/nonexistent/creds" } }));
    expect(missing).toBeInstanceOf(CredentialsError);
    expect(missing.message).toBe(
      "credentials from the INI credentials file /nonexistent/creds (ALIBABA_CLOUD_CREDENTIALS_FILE): does not exist",
    );
    const path = file(AK_INI);
    const noSection = thrown(() =>
      credentialChain({ env: { HOME: home(), ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_PROFILE: "ci" } }),
    );
    expect(noSection.message).toBe(
      `credentials from the INI credentials file ${path} (ALIBABA_CLOUD_CREDENTIALS_FILE): has no section [ci] (the name ALIBABA_CLOUD_PROFILE gives; the file has [default])`,
    );
  });
});

describe("a section the chain cannot use fails before any request, naming the file and section, never a value", () => {
  const chain = (ini: string) => credentialChain({ env: { HOME: home({ ini }) } });
  const where = /^credentials from section \[default\] of the INI credentials file \S+: /;

  it.each([
    ["no type", "[default]\naccess_key_id = a\n", "has no type; the types are access_key, sts, ram_role_arn, ecs_ram_role"],
    ["an unknown type", "[default]\ntype = magic\n", 'unknown type "magic"; the types are access_key, sts, ram_role_arn, ecs_ram_role'],
    [
      "rsa_key_pair",
      "[default]\ntype = rsa_key_pair\npublic_key_id = p\nprivate_key_file = /k\n",
      "type rsa_key_pair is not supported: it is deprecated by the SDKs",
    ],
    [
      "bearer",
      "[default]\ntype = bearer\nbearer_token = hunter2-token\n",
      "type bearer is not supported: DirectMail takes signed requests",
    ],
    ["oidc_role_arn", "[default]\ntype = oidc_role_arn\n", "type oidc_role_arn is not supported: the current SDKs no longer read it"],
    ["an access key without its secret", "[default]\ntype = access_key\naccess_key_id = a\n", "type access_key needs access_key_secret"],
    [
      "an sts section without its token",
      "[default]\ntype = sts\naccess_key_id = a\naccess_key_secret = hunter2\n",
      "type sts needs security_token",
    ],
    [
      "a ram_role_arn section without its role",
      "[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = hunter2\n",
      "type ram_role_arn needs role_arn",
    ],
    [
      "a session length that is not a number",
      `[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = hunter2\nrole_arn = ${ROLE}\nrole_session_expiration = 1h\n`,
      "role_session_expiration must be a whole number of seconds",
    ],
    [
      "a session length out of range",
      `[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = hunter2\nrole_arn = ${ROLE}\nrole_session_expiration = 60\n`,
      "durationSeconds must be a whole number from 900 to 43200 (got 60)",
    ],
    ["a malformed role name", "[default]\ntype = ecs_ram_role\nrole_name = a/b\n", 'ECS role name "a/b" must be 1 to 64'],
  ])("%s", (_what, ini, problem) => {
    const error = thrown(() => chain(ini));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(where);
    expect(error.message).toContain(problem);
    expect(error.message).not.toMatch(/hunter2/);
  });

  it("STS over plain http anywhere but loopback", () => {
    const ini = `[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\nrole_arn = ${ROLE}\n`;
    expect(() => credentialChain({ env: { HOME: home({ ini }), ALIBABA_CLOUD_STS_ENDPOINT: "http://sts.example.com" } })).toThrow(
      /section \[default\] of the INI credentials file .*: STS endpoint http:\/\/sts.example.com uses plain http/,
    );
  });

  it("a file that is not INI, by line number only", () => {
    const error = thrown(() => chain("[default]\ntype = access_key\nLTAIpasted-secret\n"));
    expect(error.message).toMatch(
      /^credentials from the INI credentials file \S+: is not a credentials file of \[section\]s: line 3: it is neither/,
    );
    expect(error.message).not.toContain("LTAIpasted");
  });

  it("a file that cannot be read (a folder in its place: unreadable for root too, unlike a file's mode)", () => {
    const h = home();
    mkdirSync(join(h, ".alibabacloud", "credentials"));
    expect(() => credentialChain({ env: { HOME: h } })).toThrow(
      /^credentials from the INI credentials file \S+: cannot be read \(EISDIR\)$/,
    );
  });
});
