import { chmodSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AccessKeyFileError, DEFAULT_ACCESS_KEY, keyFileFor, readAccessKeyFile } from "../../emulator";
import { ClientPool } from "../../provider/config/clientPool";
import { readSettings } from "../../provider/config/settings";
import { rawCode } from "../support/rawRequest";
import { scratchDir } from "../support/scratch";

/**
 * The embedded emulator accepts only its state file's own key (`<state>.key`,
 * 0600), never the published default: another user of the machine who finds
 * its port cannot drive it.
 */

const scratch = scratchDir("embedded-key");

function embeddedPool(statePath: string): ClientPool {
  return new ClientPool(
    readSettings((k) => ({ "directmail:endpoint": "embedded", "directmail:emulatorState": statePath })[k], {
      // Real-looking credentials in the environment: never the embedded emulator's key.
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIrealkey",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "real-secret-not-for-emulators",
    }),
  );
}

/** A request signed with `key`, as any local user could send it to the port. */
const signedWith = (url: URL, key: { id: string; secret: string }): Promise<{ status: number; code?: string }> =>
  rawCode({ url, accessKey: key }, { Action: "QueryMailAddressByParam" });

const keyIn = (path: string): { id: string; secret: string } => {
  const line = readFileSync(path, "utf8")
    .split("\n")
    .find((l) => l && !l.startsWith("#"));
  const [id, ...rest] = (line ?? "").split(":");
  return { id, secret: rest.join(":") };
};

test("refuses a request signed with the published default key, serves the provider, and keeps its key 0600", async () => {
  const statePath = join(scratch, "account.json");
  const pool = embeddedPool(statePath);
  const client = await pool.forRegion(undefined);
  try {
    await client.createMailAddress({ accountName: "victim@example.com", sendtype: "batch" });
    expect(await signedWith(client.endpoint, DEFAULT_ACCESS_KEY)).toEqual({ status: 404, code: "InvalidAccessKeyId.NotFound" });
    const keyFile = keyFileFor(statePath);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = keyIn(keyFile);
    expect(key.secret.length).toBeGreaterThanOrEqual(40);
    // Its owner can still drive it, with the key from the file.
    expect(await signedWith(client.endpoint, key)).toEqual({ status: 200, code: undefined });
    // The secret is in the key file only: not in the state, the nonces or any other file beside them.
    for (const name of readdirSync(scratch).filter((n) => join(scratch, n) !== keyFile)) {
      expect(readFileSync(join(scratch, name), "utf8")).not.toContain(key.secret);
    }
    // Nor in what the client shows of itself or of its errors.
    const failure = await client.deleteMailAddress("2000000000").catch((e: Error) => e);
    expect(String(failure)).not.toContain(key.secret);
  } finally {
    await pool.close();
  }
});

test("the next provider process on the same state file reuses the key", async () => {
  const statePath = join(scratch, "reused.json");
  const first = embeddedPool(statePath);
  await (await first.forRegion(undefined)).createMailAddress({ accountName: "kept@example.com", sendtype: "batch" });
  await first.close();
  const key = readFileSync(keyFileFor(statePath), "utf8");
  const second = embeddedPool(statePath);
  try {
    expect((await (await second.forRegion(undefined)).listMailAddresses()).map((a) => a.accountName)).toEqual(["kept@example.com"]);
    expect(readFileSync(keyFileFor(statePath), "utf8")).toBe(key);
  } finally {
    await second.close();
  }
});

test("a key file others can read is refused, naming the file and the fix", async () => {
  const statePath = join(scratch, "open.json");
  writeFileSync(keyFileFor(statePath), "someone:secret-they-can-read\n", { mode: 0o644 });
  chmodSync(keyFileFor(statePath), 0o644);
  const pool = embeddedPool(statePath);
  await expect(pool.forRegion(undefined)).rejects.toThrow(`run chmod 600 ${keyFileFor(statePath)}`);
  await pool.close();
});

test("a key file that is a symbolic link is refused", async () => {
  const statePath = join(scratch, "linked.json");
  const elsewhere = join(scratch, "elsewhere.key");
  writeFileSync(elsewhere, "someone:planted-secret\n", { mode: 0o600 });
  symlinkSync(elsewhere, keyFileFor(statePath));
  const pool = embeddedPool(statePath);
  await expect(pool.forRegion(undefined)).rejects.toThrow("is a symbolic link");
  await pool.close();
});

test("a key file that belongs to another user is refused", () => {
  const path = join(scratch, "theirs.key");
  writeFileSync(path, "someone:their-secret\n", { mode: 0o600 });
  const me = process.getuid?.() ?? 0;
  expect(readAccessKeyFile(path, me)).toEqual([{ id: "someone", secret: "their-secret" }]);
  expect(() => readAccessKeyFile(path, me + 1)).toThrow(AccessKeyFileError);
  expect(() => readAccessKeyFile(path, me + 1)).toThrow(`belongs to uid ${me}, not to you`);
});

/** The loopback ports this process listens on: its socket inodes matched against the kernel's table of listening TCP sockets. */
function ownListeningPorts(): number[] {
  const inodes = new Set(
    readdirSync("/proc/self/fd")
      .map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).match(/^socket:\[(\d+)\]$/)?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  return ["/proc/net/tcp", "/proc/net/tcp6"]
    .flatMap((table) => readFileSync(table, "utf8").trim().split("\n").slice(1))
    .map((row) => row.trim().split(/\s+/))
    .filter((cols) => cols[3] === "0A" && inodes.has(cols[9]))
    .map((cols) => parseInt(cols[1].split(":")[1], 16));
}

test("the embedded emulator listens on its API port only: each pulumi command's process serves no SMTP or inbox", async () => {
  const before = ownListeningPorts();
  const pool = embeddedPool(join(scratch, "ports.json"));
  try {
    const client = await pool.forRegion(undefined);
    await client.listMailAddresses();
    const opened = ownListeningPorts().filter((port) => !before.includes(port));
    expect(opened).toEqual([Number(client.endpoint.port)]);
  } finally {
    await pool.close();
  }
});
