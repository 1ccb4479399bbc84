import fs from "node:fs";
import { dirname, join } from "node:path";
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
        await expect(ca.createMailAddress({ accountName: "a2@example.com", sendtype: "batch" })).rejects.toThrow(
          `the emulator state file ${path} changed on disk and could not be read again (emulator state file ${path} is unreadable: EIO`,
        );
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

describe("the write", () => {
  /** A fresh folder per test: the write's leftovers are counted. */
  let n = 0;
  const folder = (): string => {
    const dir = join(scratch, `write-${++n}`);
    fs.mkdirSync(dir);
    return dir;
  };

  async function createIn(path: string, accountName = "w@example.com"): Promise<void> {
    const dm = await startEmulator({ persistPath: path });
    const client = clientOf(dm);
    try {
      await client.createMailAddress({ accountName, sendtype: "batch" });
    } finally {
      await Promise.all([client.close(), dm.stop()]);
    }
  }

  test("never goes through a file planted at a predictable temporary name, and is 0600 whatever the umask", async () => {
    const path = join(folder(), "account.json");
    const planted = `${path}.${process.pid}.tmp`;
    fs.writeFileSync(planted, "planted", { mode: 0o644 });
    fs.chmodSync(planted, 0o644);
    const victim = join(dirname(path), "victim.txt");
    fs.writeFileSync(victim, "victim");
    const plantedLink = `${path}.${process.pid + 1}.tmp`;
    fs.symlinkSync(victim, plantedLink);
    const umask = process.umask(0);
    try {
      await createIn(path);
    } finally {
      process.umask(umask);
    }
    expect(fs.statSync(path).mode & 0o777).toBe(0o600);
    expect(namesIn(path)).toEqual(["w@example.com"]);
    expect(fs.readFileSync(planted, "utf8")).toBe("planted");
    expect(fs.readFileSync(victim, "utf8")).toBe("victim");
  });

  test("a state file that was 0644 becomes 0600 at the next write", async () => {
    const path = join(folder(), "account.json");
    await createIn(path, "first@example.com");
    fs.chmodSync(path, 0o644);
    await createIn(path, "second@example.com");
    expect(fs.statSync(path).mode & 0o777).toBe(0o600);
  });

  test("fsyncs the file before the rename and the folder after it", async () => {
    const dir = folder();
    const path = join(dir, "account.json");
    const opened = new Map<number, string>();
    const realOpen = fs.openSync;
    const open = jest.spyOn(fs, "openSync").mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      const fd = (realOpen as (...args: unknown[]) => number)(file, ...rest);
      opened.set(fd, String(file));
      return fd;
    }) as typeof fs.openSync);
    const events: string[] = [];
    const realFsync = fs.fsyncSync;
    const fsync = jest.spyOn(fs, "fsyncSync").mockImplementation((fd: number) => {
      events.push(`fsync ${opened.get(fd)}`);
      realFsync(fd);
    });
    const realRename = fs.renameSync;
    const rename = jest.spyOn(fs, "renameSync").mockImplementation((from: fs.PathLike, to: fs.PathLike) => {
      events.push(`rename ${String(to)}`);
      realRename(from, to);
    });
    try {
      await createIn(path);
    } finally {
      [open, fsync, rename].forEach((s) => s.mockRestore());
    }
    const save = events.lastIndexOf(`rename ${path}`);
    expect(save).toBeGreaterThan(0);
    expect(events[save - 1]).toMatch(new RegExp(`^fsync ${path}\\.[0-9a-f]+\\.tmp$`));
    expect(events[save + 1]).toBe(`fsync ${dir}`);
  });

  test("removes its temporary file when the rename fails, and says the change was not saved", async () => {
    const dir = folder();
    const path = join(dir, "account.json");
    const dm = await startEmulator({ persistPath: path });
    const client = clientOf(dm);
    const rename = jest.spyOn(fs, "renameSync").mockImplementationOnce(() => {
      throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
    });
    try {
      await expect(client.createMailAddress({ accountName: "lost@example.com", sendtype: "batch" })).rejects.toThrow(
        `the emulator state file ${path} was not written: EIO`,
      );
    } finally {
      rename.mockRestore();
      await Promise.all([client.close(), dm.stop()]);
    }
    // Nothing but the journal of spent nonces (a nonce stays spent whether or not its request was saved).
    expect(fs.readdirSync(dir).filter((f) => f !== "account.json.nonces")).toEqual([]);
  });

  test("through a symlinked state path writes the link's target and keeps the link", async () => {
    const dir = folder();
    fs.mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "account.json");
    await createIn(target, "first@example.com");
    const link = join(dir, "account.json");
    fs.symlinkSync(join("real", "account.json"), link);
    await createIn(link, "second@example.com");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(namesIn(target)).toEqual(["first@example.com", "second@example.com"]);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  test("refuses a symlinked state path whose target does not exist, naming both", async () => {
    const dir = folder();
    const link = join(dir, "account.json");
    fs.symlinkSync(join(dir, "nowhere", "account.json"), link);
    const started = startEmulator({ persistPath: link }).then(async (dm) => {
      await dm.stop();
      return "started";
    });
    await expect(started).rejects.toThrow(
      `emulator state file ${link} is a symbolic link to ${join(dir, "nowhere", "account.json")}, which does not exist`,
    );
  });
});
