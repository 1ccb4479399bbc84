import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CredentialsNotFoundError, resolveCredentials } from "../../client";
import { scratchDir } from "../support/scratch";

const scratch = scratchDir("aliyun");
let files = 0;

function profileFile(content: unknown): string {
  const path = join(scratch, `config-${files++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const NO_FILE = "/nonexistent/.aliyun/config.json";

describe("resolveCredentials", () => {
  it("prefers explicit values over the environment", () => {
    const c = resolveCredentials({
      accessKeyId: "id-x",
      accessKeySecret: "secret-x",
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "id-env", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-env" },
      profileFile: NO_FILE,
    });
    expect(c).toMatchObject({ accessKeyId: "id-x", source: "explicit configuration" });
  });

  it("refuses half of an explicit pair instead of mixing sources", () => {
    expect(() => resolveCredentials({ accessKeyId: "id-x", env: {}, profileFile: NO_FILE })).toThrow(/only accessKeyId is set/);
  });

  it.each([
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: "a", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "b", ALIBABA_CLOUD_SECURITY_TOKEN: "t" }, "a", "t"],
    [{ ALICLOUD_ACCESS_KEY: "a2", ALICLOUD_SECRET_KEY: "b2", ALICLOUD_SECURITY_TOKEN: "t2" }, "a2", "t2"],
  ])("reads the environment %#", (env, id, token) => {
    const c = resolveCredentials({ env, profileFile: NO_FILE });
    // The variables it read, by name: a message can then say where to correct a wrong secret.
    expect(c).toMatchObject({
      accessKeyId: id,
      securityToken: token,
      source: `the environment variables ${Object.keys(env)[0]} and ${Object.keys(env)[1]}`,
    });
  });

  it("reads AK and StsToken profiles, choosing by ALIBABA_CLOUD_PROFILE or current", () => {
    const path = profileFile({
      current: "main",
      profiles: [
        { name: "main", mode: "AK", access_key_id: "ak-main", access_key_secret: "s-main" },
        { name: "sts", mode: "StsToken", access_key_id: "ak-sts", access_key_secret: "s-sts", sts_token: "tok" },
      ],
    });
    expect(resolveCredentials({ env: {}, profileFile: path })).toMatchObject({ accessKeyId: "ak-main" });
    expect(resolveCredentials({ env: { ALIBABA_CLOUD_PROFILE: "sts" }, profileFile: path })).toMatchObject({
      accessKeyId: "ak-sts",
      securityToken: "tok",
    });
  });

  it("names every place it looked, and why each failed, when nothing is found", () => {
    const path = profileFile({ current: "x", profiles: [{ name: "x", mode: "RamRoleArn" }] });
    let error: unknown;
    try {
      resolveCredentials({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "only-id" }, profileFile: path });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain("directmail:accessKeyId");
    expect(message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID / ALICLOUD_ACCESS_KEY");
    expect(message).toContain("only one of the pair is set");
    expect(message).toContain("mode RamRoleArn is not supported");
  });

  it("reports a missing profile file by path", () => {
    expect(() => resolveCredentials({ env: {}, profileFile: NO_FILE })).toThrow(`${NO_FILE} (no such file)`);
  });
});
