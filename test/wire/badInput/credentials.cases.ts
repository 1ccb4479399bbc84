import { CredentialsError, CredentialsNotFoundError, DirectMailServiceError } from "../../../client";
import { OIDC_PROVIDER_ARN, oidcToken, ROLE_ARN, SECOND_ROLE_ARN } from "../../support/credentials";
import { Case, checkRows, clientRows, mailbox } from "./support";

const NO_FILE = "/nonexistent/config.json";
/** The emulator's own key in the environment, as a pipeline would hand it over. */
const KEY_ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: "{key}", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "{secret}" };
const assume = (assumeRole: Record<string, unknown>, env: Record<string, string> = KEY_ENV) => ({
  credentials: { env, profileFile: NO_FILE, stsEndpoint: "{sts}", assumeRole: assumeRole as { roleArn: string } },
});
const oidcCredentials = (providerArn: string, tokenFile: string) => ({
  env: { ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: providerArn, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile },
  profileFile: NO_FILE,
  stsEndpoint: "{sts}",
});
const oidcEnv = (token: string, providerArn = OIDC_PROVIDER_ARN) => ({
  options: { credentials: oidcCredentials(providerArn, "{file:token}") },
  files: { token },
});
const profiles = (current: string, list: Record<string, unknown>[]) => ({
  options: { credentials: { env: {}, profileFile: "{file:profiles}", ecsMetadataEndpoint: "{metadata}" } },
  files: { profiles: JSON.stringify({ current, profiles: list }) },
});
/** An INI credentials file named by ALIBABA_CLOUD_CREDENTIALS_FILE, its section chosen by ALIBABA_CLOUD_PROFILE (else default). */
const iniFile = (ini: string, section?: string) => ({
  options: {
    credentials: {
      env: { ALIBABA_CLOUD_CREDENTIALS_FILE: "{file:ini}", ...(section ? { ALIBABA_CLOUD_PROFILE: section } : {}) },
      profileFile: NO_FILE,
      stsEndpoint: "{sts}",
      ecsMetadataEndpoint: "{metadata}",
    },
  },
  files: { ini },
});
const INI_ROLE = `[default]\ntype = ram_role_arn\naccess_key_id = {key}\naccess_key_secret = {secret}\n`;
const [header, payload] = oidcToken().split(".");

/** Credentials the client must refuse: before any DirectMail request, naming the source and the rule (or STS's code). */
export const CASES: Case[] = [
  ...clientRows([
    {
      options: { credentials: { accessKeyId: "only-the-id", env: {} } },
      error:
        "explicit credentials are incomplete: set both directmail:accessKeyId and directmail:accessKeySecret (only accessKeyId is set)",
      type: CredentialsNotFoundError,
    },
    {
      options: { credentials: { env: {}, profileFile: "/nonexistent/config.json" } },
      error: "no DirectMail credentials found. Looked in:",
      type: CredentialsNotFoundError,
    },
    {
      options: { credentials: { accessKeyId: "{key}", accessKeySecret: "wrong-secret-4242", env: {} } },
      error: "SignatureDoesNotMatch",
      type: DirectMailServiceError,
    },
    // ---- settings the chain refuses before sending anything ----
    {
      options: assume({ roleArn: "acs:ram::12345:user/mail-admin" }),
      error: 'directmail:assumeRole: roleArn "acs:ram::12345:user/mail-admin" is not a RAM role ARN',
      type: CredentialsError,
    },
    {
      options: assume({ roleArn: ROLE_ARN, durationSeconds: 899 }),
      error: "durationSeconds must be a whole number from 900 to 43200 (got 899)",
      type: CredentialsError,
    },
    { options: assume({ roleArn: ROLE_ARN, durationSeconds: 43_201 }), error: "from 900 to 43200 (got 43201)", type: CredentialsError },
    {
      options: {
        credentials: { env: KEY_ENV, profileFile: NO_FILE, stsEndpoint: "http://sts.example.com", assumeRole: { roleArn: ROLE_ARN } },
      },
      error: "STS endpoint http://sts.example.com uses plain http; use https",
      type: CredentialsError,
    },
    {
      options: { credentials: oidcCredentials(OIDC_PROVIDER_ARN, "/nonexistent/token") },
      error: "the OIDC token file /nonexistent/token cannot be read (no such file)",
      type: CredentialsError,
    },
    {
      ...profiles("ci", [{ name: "ci", mode: "ChainableRamRoleArn", source_profile: "base", ram_role_arn: ROLE_ARN }]),
      error: 'its source_profile "base" is not in the file',
      type: CredentialsError,
    },
    {
      ...profiles("a", [
        { name: "a", mode: "ChainableRamRoleArn", source_profile: "b", ram_role_arn: ROLE_ARN },
        { name: "b", mode: "ChainableRamRoleArn", source_profile: "c", ram_role_arn: ROLE_ARN },
        { name: "c", mode: "ChainableRamRoleArn", source_profile: "a", ram_role_arn: ROLE_ARN },
      ]),
      error: 'source_profile makes a loop: "a" -> "b" -> "c" -> "a"',
      type: CredentialsError,
    },
    {
      ...profiles("ci", [{ name: "ci", mode: "RoleMagic" }]),
      error: 'unknown mode "RoleMagic"; the modes are AK, StsToken, RamRoleArn',
      type: CredentialsError,
    },
    {
      ...profiles("ci", [{ name: "ci", mode: "External", process_command: "x" }]),
      error: "mode External is not supported",
      type: CredentialsError,
    },
    // ---- the INI credentials file: the file and the section named, never a value ----
    {
      options: { credentials: { env: { ALIBABA_CLOUD_CREDENTIALS_FILE: "/nonexistent/credentials" }, profileFile: NO_FILE } },
      error: "credentials from the INI credentials file /nonexistent/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE): does not exist",
      type: CredentialsError,
    },
    {
      // A folder where the file should be: unreadable whoever runs the tests (root reads a file of any mode).
      options: { credentials: { env: { ALIBABA_CLOUD_CREDENTIALS_FILE: "/" }, profileFile: NO_FILE } },
      error: "credentials from the INI credentials file / (ALIBABA_CLOUD_CREDENTIALS_FILE): cannot be read (EISDIR)",
      type: CredentialsError,
    },
    {
      ...iniFile("[default]\ntype = access_key\naccess_key_id = {key}\naccess_key_secret = {secret}\n", "ci"),
      error: "has no section [ci] (the name ALIBABA_CLOUD_PROFILE gives; the file has [default])",
      type: CredentialsError,
    },
    {
      ...iniFile("[default]\ntype = access_key\n{secret}\n"),
      error: "is not a credentials file of [section]s: line 3: it is neither a [section], a key = value line nor a comment",
      type: CredentialsError,
    },
    {
      ...iniFile("[default]\naccess_key_id = {key}\n"),
      error: "has no type; the types are access_key, sts, ram_role_arn, ecs_ram_role",
      type: CredentialsError,
    },
    { ...iniFile("[default]\ntype = magic\n"), error: 'unknown type "magic"; the types are access_key, sts', type: CredentialsError },
    {
      ...iniFile("[default]\ntype = rsa_key_pair\npublic_key_id = k\nprivate_key_file = /k.pem\n"),
      error: "type rsa_key_pair is not supported: it is deprecated by the SDKs",
      type: CredentialsError,
    },
    {
      ...iniFile("[default]\ntype = access_key\naccess_key_id = {key}\n"),
      error: "type access_key needs access_key_secret",
      type: CredentialsError,
    },
    { ...iniFile(INI_ROLE), error: "type ram_role_arn needs role_arn", type: CredentialsError },
    {
      ...iniFile(`${INI_ROLE}role_arn = acs:ram::1:user/x\n`),
      error: 'roleArn "acs:ram::1:user/x" is not a RAM role ARN',
      type: CredentialsError,
    },
    // STS hears the section's policy and session length, and refuses them.
    {
      ...iniFile(`${INI_ROLE}role_arn = ${ROLE_ARN}\npolicy = not json\n`),
      error: "[InvalidParameter.PolicyGrammar, HTTP 400",
      type: CredentialsError,
    },
    {
      ...iniFile(`${INI_ROLE}role_arn = ${SECOND_ROLE_ARN}\nrole_session_expiration = 7200\n`),
      error: "[InvalidParameter.DurationSeconds, HTTP 400",
      type: CredentialsError,
    },
    {
      ...iniFile("[default]\ntype = ecs_ram_role\nrole_name = no-such-role\n"),
      error: "has no RAM role no-such-role",
      type: CredentialsError,
    },
    // ---- STS refusing: the source and STS's code, never a DirectMail request ----
    {
      options: assume({ roleArn: "acs:ram::123456789012:role/no-such-role" }),
      error: "[EntityNotExist.Role, HTTP 404",
      type: CredentialsError,
    },
    {
      options: assume({ roleArn: SECOND_ROLE_ARN, durationSeconds: 7200 }),
      error: "[InvalidParameter.DurationSeconds, HTTP 400",
      type: CredentialsError,
    },
    {
      options: assume({ roleArn: ROLE_ARN, policy: "not json" }),
      error: "[InvalidParameter.PolicyGrammar, HTTP 400",
      type: CredentialsError,
    },
    {
      options: assume({ roleArn: "acs:ram::123456789012:role/trusting-deployer" }),
      error: "[NoPermission, HTTP 403",
      type: CredentialsError,
    },
    {
      options: assume({ roleArn: "acs:ram::123456789012:role/external" }),
      error: "The ExternalId does not match. [NoPermission, HTTP 403",
      type: CredentialsError,
    },
    {
      options: assume(
        { roleArn: ROLE_ARN },
        { ALIBABA_CLOUD_ACCESS_KEY_ID: "unknown-key", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "hunter2-secret" },
      ),
      error: "[InvalidAccessKeyId.NotFound, HTTP 404",
      type: CredentialsError,
    },
    {
      options: assume(
        { roleArn: ROLE_ARN },
        { ALIBABA_CLOUD_ACCESS_KEY_ID: "{key}", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-secret-4242" },
      ),
      error: "[SignatureDoesNotMatch, HTTP 400",
      type: CredentialsError,
    },
    {
      ...oidcEnv(oidcToken(), "acs:ram::123456789012:oidc-provider/unknown"),
      error: "[AuthenticationFail.NoPermission, HTTP 401",
      type: CredentialsError,
    },
    { ...oidcEnv("not-a-jwt"), error: "[AuthenticationFail.OIDCToken.Invalid, HTTP 401", type: CredentialsError },
    {
      ...oidcEnv(oidcToken({ exp: Math.floor(Date.now() / 1000) - 60 })),
      error: "[AuthenticationFail.OIDCToken.Expired, HTTP 401",
      type: CredentialsError,
    },
    {
      ...oidcEnv(`${header}.${payload}.${Buffer.from("forged").toString("base64url")}`),
      error: "[AuthenticationFail.OIDCToken.InvalidSignature, HTTP 401",
      type: CredentialsError,
    },
    {
      ...oidcEnv(oidcToken({ aud: "someone-else" })),
      error: "[AuthenticationFail.OIDCToken.AudienceNotMatch, HTTP 401",
      type: CredentialsError,
    },
    // ---- the metadata service of an instance without a role ----
    {
      options: { credentials: { env: {}, profileFile: NO_FILE, ecsRoleName: "runner-role", ecsMetadataEndpoint: "{metadata}" } },
      error: "has no RAM role runner-role for this instance (HTTP 404)",
      type: CredentialsError,
    },
    {
      ...profiles("ci", [{ name: "ci", mode: "EcsRamRole" }]),
      error: "lists no RAM role for this instance (HTTP 404)",
      type: CredentialsError,
    },
  ]),
  // ---- a resource's account: named without a credential, checked at preview ----
  ...checkRows("MailAddress", [
    [{ ...mailbox("a@example.com"), account: "prod" }, "account", "must be an object such as"],
    [{ ...mailbox("a@example.com"), account: {} }, "account", "takes exactly one of profile or roleArn"],
    [
      { ...mailbox("a@example.com"), account: { profile: "prod", roleArn: ROLE_ARN } },
      "account",
      "takes exactly one of profile or roleArn",
    ],
    [
      { ...mailbox("a@example.com"), account: { roleArn: "acs:ram::1:user/x" } },
      "account",
      "roleArn must read acs:ram::<account id>:role/<role name>",
    ],
    [
      { ...mailbox("a@example.com"), account: { roleArn: ROLE_ARN, durationSeconds: 60 } },
      "account",
      "durationSeconds must be a whole number from 900 to 43200, not 60",
    ],
    [
      { ...mailbox("a@example.com"), account: { profile: "prod", sessionName: "x" } },
      "account",
      "with profile, the role settings come from the profile itself",
    ],
    [{ ...mailbox("a@example.com"), account: { roleArn: ROLE_ARN, accessKeyId: "AK" } }, "account", 'has no setting "accessKeyId"'],
  ]),
  ...checkRows("MailDomainVerification", [[{ domainId: "1", account: "prod" }, "account", "must be an object such as"]]),
];
