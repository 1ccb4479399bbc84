import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FileLock } from "../../emulator/state/fileLock";
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
