import fs from "node:fs";
import { join } from "node:path";
import { DirectMailClient } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import type { PersistedState } from "../../emulator";
import { scratchDir } from "../support/scratch";

/** The emulator's state file: what survives a failed read, and how it is written. */

const scratch = scratchDir("state-file");

function clientOf(dm: RunningEmulator): DirectMailClient {
  return new DirectMailClient({
    endpoint: dm.url,
    credentials: { accessKeyId: dm.accessKey.id, accessKeySecret: dm.accessKey.secret, env: {} },
    pacer: false,
    retryBudget: false,
    retry: { maxAttempts: 1 },
  });
}

const namesIn = (path: string): string[] =>
  (JSON.parse(fs.readFileSync(path, "utf8")) as PersistedState).regions["cn-hangzhou"].addresses.map((a) => a.accountName).sort();

/** Makes the next read of `path` fail once, as a transient I/O error would. */
function failNextRead(path: string): jest.SpyInstance {
  const real = fs.readFileSync;
  let failed = false;
  return jest.spyOn(fs, "readFileSync").mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (file === path && !failed) {
      failed = true;
      throw Object.assign(new Error(`EIO: i/o error, read '${path}'`), { code: "EIO" });
    }
    return (real as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync);
}

describe("a reload that fails", () => {
  test("is an error, and the next request reloads: another emulator's change is never lost", async () => {
    const path = join(scratch, "reload.json");
    const [a, b] = await Promise.all([startEmulator({ persistPath: path }), startEmulator({ persistPath: path })]);
    const [ca, cb] = [clientOf(a), clientOf(b)];
    try {
      await ca.createMailAddress({ accountName: "a1@example.com", sendtype: "batch" });
      await cb.createMailAddress({ accountName: "b1@example.com", sendtype: "batch" });
      const spy = failNextRead(path);
      try {
        await expect(ca.createMailAddress({ accountName: "a2@example.com", sendtype: "batch" })).rejects.toThrow(/InternalError/);
      } finally {
        spy.mockRestore();
      }
      await ca.createMailAddress({ accountName: "a3@example.com", sendtype: "batch" });
      expect(namesIn(path)).toEqual(["a1@example.com", "a3@example.com", "b1@example.com"]);
      expect((await cb.listMailAddresses()).map((m) => m.accountName).sort()).toEqual(namesIn(path));
    } finally {
      await Promise.all([ca.close(), cb.close(), a.stop(), b.stop()]);
    }
  });
});

describe("change detection", () => {
  test("sees a change that keeps the file's inode, size and modification time", async () => {
    const path = join(scratch, "same-stat.json");
    const dm = await startEmulator({ persistPath: path });
    const client = clientOf(dm);
    try {
      await client.createMailAddress({ accountName: "aaaa1@example.com", sendtype: "batch" });
      // A whole-second time, so that it can be put back exactly; the emulator reads that version once.
      const at = Math.floor(Date.now() / 1000) - 60;
      fs.utimesSync(path, at, at);
      expect((await client.listMailAddresses()).map((m) => m.accountName)).toEqual(["aaaa1@example.com"]);
      const before = fs.statSync(path);
      // Another writer, in place, same length, on a file system whose clock did not move (or an inode reused).
      fs.writeFileSync(path, fs.readFileSync(path, "utf8").replace("aaaa1@example.com", "bbbb1@example.com"));
      fs.utimesSync(path, at, at);
      const after = fs.statSync(path);
      expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
      expect((await client.listMailAddresses()).map((m) => m.accountName)).toEqual(["bbbb1@example.com"]);
    } finally {
      await Promise.all([client.close(), dm.stop()]);
    }
  });
});
