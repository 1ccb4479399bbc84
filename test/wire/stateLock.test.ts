import { ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { DirectMailClient } from "../../client";
import { startEmulator } from "../../emulator";
import { FileLock, LockTimeoutError } from "../../emulator/state/fileLock";
import { printedUrl } from "../support/printedLines";
import { scratchDir } from "../support/scratch";

/**
 * The state file's lock between real processes: each racer takes the lock
 * once and dies holding it, so every turn after the first is a takeover of a
 * dead process's lock by several racers at once.
 */

const scratch = scratchDir("state-lock");
const racer = join(__dirname, "../support/lockRacer.js");

/** A pid no process has: past the kernel's limit. */
const DEAD_PID = 4_194_305;

function runRacer(lockPath: string, logPath: string): Promise<number | null> {
  const child = spawn(process.execPath, [racer, lockPath, logPath], { stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** The first moment two holders were inside at once, if any. */
function overlap(log: string): string | undefined {
  let inside: string | undefined;
  for (const line of log.split("\n").filter(Boolean)) {
    const [what, pid] = line.split(" ");
    if (what === "enter") {
      if (inside) return `${pid} entered while ${inside} held the lock`;
      inside = pid;
    } else {
      if (inside !== pid) return `${pid} left while ${inside ?? "nobody"} held the lock`;
      inside = undefined;
    }
  }
  return undefined;
}

test("racers taking over a dead holder's lock, many times, are never two inside at once", async () => {
  const lockPath = join(scratch, "account.json.lock");
  const logPath = join(scratch, "holders.log");
  writeFileSync(lockPath, String(DEAD_PID));
  writeFileSync(logPath, "");
  const racers = 6;
  const turns = 90;
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < turns) {
      started++;
      expect(await runRacer(lockPath, logPath)).toBe(0);
    }
  };
  await Promise.all(Array.from({ length: racers }, lane));
  const log = readFileSync(logPath, "utf8");
  expect(overlap(log)).toBeUndefined();
  expect(log.split("\n").filter((l) => l.startsWith("enter"))).toHaveLength(turns);
}, 180_000);

test("a holder whose lock was taken over meanwhile leaves the new holder's lock in place", async () => {
  const lockPath = join(scratch, "taken.json.lock");
  const theirs = JSON.stringify({ token: "someone-else", pid: process.pid });
  await new FileLock(lockPath).run(() => writeFileSync(lockPath, theirs));
  expect(existsSync(lockPath)).toBe(true);
  expect(readFileSync(lockPath, "utf8")).toBe(theirs);
});

describe("a lock's holder is known by more than its pid", () => {
  const self = { host: hostname(), pidns: readlinkSync("/proc/self/ns/pid") };
  const startOf = (pid: number): string => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  };
  let n = 0;
  const lockWith = (content: string): string => {
    const path = join(scratch, `holder-${++n}.json.lock`);
    writeFileSync(path, content);
    return path;
  };
  const takes = (path: string, waitMs = 3_000) => new FileLock(path, waitMs).run(() => "taken");

  test("a live pid with another start time (a reused pid) is stale", async () => {
    const sleeper = spawn("sleep", ["30"]);
    try {
      const path = lockWith(JSON.stringify({ token: "t", pid: sleeper.pid, start: "1", ...self }));
      await expect(takes(path)).resolves.toBe("taken");
    } finally {
      sleeper.kill();
    }
  });

  test("this process's own pid, from an earlier process (pid sequences reused), is stale", async () => {
    await expect(takes(lockWith(String(process.pid)))).resolves.toBe("taken");
    await expect(takes(lockWith(JSON.stringify({ token: "t", pid: process.pid, start: startOf(process.pid), ...self })))).resolves.toBe(
      "taken",
    );
  });

  test("a pid from another pid namespace is live while its heartbeat goes on, and stale once it stops", async () => {
    const foreign = JSON.stringify({ token: "t", pid: DEAD_PID, start: "1", host: self.host, pidns: "pid:[1]" });
    await expect(takes(lockWith(foreign), 300)).rejects.toBeInstanceOf(LockTimeoutError);
    const quiet = lockWith(foreign);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(quiet, longAgo, longAgo);
    await expect(takes(quiet)).resolves.toBe("taken");
  });

  test("a holder's heartbeat moves the lock's modification time while it holds it", async () => {
    const path = join(scratch, "beating.json.lock");
    const times: number[] = [];
    const lock = new FileLock(path);
    await lock.run(async () => {
      const { statSync } = await import("node:fs");
      times.push(statSync(path).mtimeMs);
      await new Promise((r) => setTimeout(r, 2_300));
      times.push(statSync(path).mtimeMs);
    });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(1_000);
  });
});

describe("lock and save failures reach the client as what they are", () => {
  const clientOf = (url: string, id: string, secret: string) =>
    new DirectMailClient({
      endpoint: url,
      credentials: { accessKeyId: id, accessKeySecret: secret, env: {} },
      pacer: false,
      retryBudget: false,
    });

  function holdLock(lockPath: string, ms: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, [racer, lockPath, join(scratch, "unused.log"), "hold", String(ms)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    return new Promise((resolve, reject) => {
      child.stdout!.once("data", () => resolve(child));
      child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
    });
  }

  test("a lock held by a live process: the error names the file, the holder and what to do", async () => {
    const state = join(scratch, "held.json");
    const dm = await startEmulator({ persistPath: state });
    const holder = await holdLock(`${state}.lock`, 40_000);
    const client = clientOf(dm.url, dm.accessKey.id, dm.accessKey.secret);
    try {
      const failure = client.createMailAddress({ accountName: "held@example.com", sendtype: "batch" });
      await expect(failure).rejects.toThrow(`the emulator state file ${state} is locked by process ${holder.pid}`);
      await expect(failure).rejects.toThrow(`delete ${state}.lock`);
      await expect(failure).rejects.not.toThrow(/no answer from the service|not known whether/);
      // Answered once, not retried: the cause is not one a retry would change.
      expect(dm.requests.filter((r) => r.action === "CreateMailAddress")).toHaveLength(1);
    } finally {
      holder.kill();
      await Promise.all([client.close(), dm.stop()]);
    }
  }, 60_000);

  test("a folder the emulator cannot write: the error names the file and the folder", async () => {
    const folder = join(scratch, "read-only");
    mkdirSync(folder);
    chmodSync(scratch, 0o755);
    const state = join(folder, "account.json");
    // No mode stops root: as root, the emulator runs as another user in a folder that is root's, 0755;
    // as anyone else, as this user in a folder made 0555.
    const asRoot = process.getuid?.() === 0;
    chmodSync(folder, asRoot ? 0o755 : 0o555);
    // That other user must reach the checkout to run it: a clone inside `mktemp -d` (0700) is root's
    // alone, so each folder above it lacking search permission for others gets it for this test.
    const opened: Array<[string, number]> = [];
    if (asRoot) {
      for (let dir = join(__dirname, "../.."); dir !== dirname(dir); dir = dirname(dir)) {
        const mode = statSync(dir).mode & 0o7777;
        if ((mode & 0o001) === 0) {
          opened.push([dir, mode]);
          chmodSync(dir, mode | 0o001);
        }
      }
    }
    const child = spawn(process.execPath, [join(__dirname, "../../dist/emulator/cli.js"), "--state", state, "--quiet"], {
      stdio: ["ignore", "pipe", "inherit"],
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    try {
      const url = await printedUrl(child);
      const { DEFAULT_ACCESS_KEY } = await import("../../emulator");
      const client = clientOf(url, DEFAULT_ACCESS_KEY.id, DEFAULT_ACCESS_KEY.secret);
      try {
        const failure = client.createMailAddress({ accountName: "unwritable@example.com", sendtype: "batch" });
        await expect(failure).rejects.toThrow(
          `the emulator state file ${state} cannot be locked (lock file ${state}.lock): its folder ${folder} is not writable`,
        );
        await expect(failure).rejects.not.toThrow(/no answer from the service|not known whether/);
      } finally {
        await client.close();
      }
    } finally {
      child.kill();
      chmodSync(folder, 0o755);
      for (const [dir, mode] of opened) chmodSync(dir, mode);
    }
  });
});
