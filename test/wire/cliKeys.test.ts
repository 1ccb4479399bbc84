import { ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_ACCESS_KEY, embeddedAccessKey, keyFileFor } from "../../emulator";
import { ACCESS_KEY_ENV, exposureWarning, isLoopback } from "../../emulator/cliKeys";
import { printedUrl } from "../support/printedLines";
import { rawCode } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/**
 * The `directmail-emulator` command's keys: from a file or the environment
 * (not the process list), the embedded emulator's own beside its state file,
 * and a warning where the secret or the port is exposed.
 */

const scratch = scratchDir("cli-keys");
const bin = join(__dirname, "../../node_modules/.bin/directmail-emulator");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGTERM");
});

/** Starts the command; resolves with its URL and what it wrote to stderr until then. */
async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ url: string; stderr: () => string }> {
  const child = spawn(bin, ["--port", "0", "--quiet", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = await printedUrl(child).catch((e: Error) => Promise.reject(new Error(`${e.message}: ${stderr}`)));
  return { url, stderr: () => stderr };
}

/** "ok", or the code the command answers a listing signed with `key`. */
async function signedWith(url: string, key: { id: string; secret: string }): Promise<string | undefined> {
  const { status, code } = await rawCode({ url, accessKey: key }, { Action: "QueryMailAddressByParam" });
  return status === 200 ? "ok" : code;
}

test("pointed at an embedded emulator's state file, it takes that emulator's key, and not the default", async () => {
  const state = join(scratch, "embedded.json");
  const key = embeddedAccessKey(state);
  const { url, stderr } = await serve(["--state", state]);
  expect(await signedWith(url, key)).toBe("ok");
  expect(await signedWith(url, DEFAULT_ACCESS_KEY)).toBe("InvalidAccessKeyId.NotFound");
  expect(stderr()).toContain(`access key id "${key.id}" from ${keyFileFor(state)}`);
  expect(stderr()).not.toContain(key.secret);
});

test("--access-key-file and the environment give keys without a secret in the process list, and with no warning", async () => {
  const file = join(scratch, "keys");
  writeFileSync(file, "# mine\nFILEKEY:file-secret-123\n", { mode: 0o600 });
  const { url, stderr } = await serve(["--access-key-file", file], { [ACCESS_KEY_ENV]: "ENVKEY:env-secret-456" });
  expect(await signedWith(url, { id: "FILEKEY", secret: "file-secret-123" })).toBe("ok");
  expect(await signedWith(url, { id: "ENVKEY", secret: "env-secret-456" })).toBe("ok");
  expect(await signedWith(url, DEFAULT_ACCESS_KEY)).toBe("InvalidAccessKeyId.NotFound");
  expect(stderr()).not.toMatch(/warning|file-secret|env-secret/);
  const pid = children[children.length - 1].pid;
  expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).not.toContain("secret");
});

test("--access-key still works, with a warning that ps shows the secret", async () => {
  const { url, stderr } = await serve(["--access-key", "ARGKEY:arg-secret-789"]);
  expect(await signedWith(url, { id: "ARGKEY", secret: "arg-secret-789" })).toBe("ok");
  expect(stderr()).toContain("warning: --access-key puts the secret in the process list");
  expect(stderr()).toContain("--access-key-file");
});

test("a listener beyond loopback that accepts the default key is warned about; loopback or an own key is not", () => {
  for (const host of ["0.0.0.0", "::", "192.168.1.20", "example.internal"]) {
    expect(exposureWarning(host, undefined)).toContain("with the published default access key");
    expect(exposureWarning(host, [DEFAULT_ACCESS_KEY])).toContain(`listening on ${host}`);
    expect(exposureWarning(host, [{ id: "mine", secret: "s3cret-of-mine" }])).toBeUndefined();
  }
  for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]) {
    expect(isLoopback(host)).toBe(true);
    expect(exposureWarning(host, undefined)).toBeUndefined();
  }
});
