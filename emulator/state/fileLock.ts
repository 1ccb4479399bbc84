import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** Raised when another process holds the lock for longer than a request may wait. */
export class LockTimeoutError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Mutual exclusion over a state file, for every process that uses it: an
 * embedded emulator in the provider process, another in the program (its
 * look-ups), another stack of the same project, a `directmail-emulator`
 * command. The lock is a file created with O_EXCL holding the owner's pid; a
 * lock whose owner has died is taken over. Within one process, callers queue.
 */
export class FileLock {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly waitMs = 30_000,
  ) {}

  /** Runs `work` while holding the lock. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      await this.acquire();
      try {
        return await work();
      } finally {
        rmSync(this.path, { force: true });
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
      try {
        const fd = openSync(this.path, "wx", 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      if (this.stale()) {
        rmSync(this.path, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new LockTimeoutError(`the emulator state lock ${this.path} has been held by another process for over ${this.waitMs} ms`);
      }
      await sleep(pause);
    }
  }

  /** The owner is gone (or never wrote its pid and the file is old). */
  private stale(): boolean {
    try {
      const pid = Number(readFileSync(this.path, "utf8"));
      if (Number.isInteger(pid) && pid > 0) return !alive(pid);
      return Date.now() - statSync(this.path).mtimeMs > 5_000;
    } catch {
      // Gone between the attempt and the look: simply try again.
      return false;
    }
  }
}
