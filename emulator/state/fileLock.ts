import { createHash, randomBytes } from "node:crypto";
import { closeSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** Raised when another process holds the lock for longer than a request may wait. */
export class LockTimeoutError extends Error {}

/** What a lock file says of its holder. Files written by older emulators hold the pid alone. */
interface LockHolder {
  /** Random per acquisition: a holder removes a lock only when it still holds its own token. */
  readonly token?: string;
  readonly pid?: number;
}

/** One look at the lock file: what it says, and which file it was (a takeover checks it is still the same one). */
interface Seen {
  readonly raw: string;
  readonly ino: number;
  readonly mtimeMs: number;
  readonly holder: LockHolder;
}

/** A takeover marker older than this was left by a process that died inside the takeover: it holds one for microseconds. */
const MARKER_STALE_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseHolder(raw: string): LockHolder {
  if (/^\d+$/.test(raw.trim())) return { pid: Number(raw) };
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return {
      token: typeof parsed.token === "string" ? parsed.token : undefined,
      pid: Number.isInteger(parsed.pid) ? (parsed.pid as number) : undefined,
    };
  } catch {
    return {};
  }
}

/** Creates `path` holding `content`, only if it does not exist; never visible half-written. */
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${randomBytes(8).toString("hex")}.new`;
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Mutual exclusion over a state file, for every process that uses it: an
 * embedded emulator in the provider process, another in the program (its
 * look-ups), another stack of the same project, a `directmail-emulator`
 * command. Within one process, callers queue.
 *
 * The lock is a file that appears whole (written under a unique name, then
 * hard-linked into place, which fails when a lock exists) and names its holder
 * with a random token. A lock whose holder is gone is taken over atomically:
 * the racers for one stale lock compete for a takeover marker named after that
 * lock (O_EXCL, so exactly one wins), and the winner removes the stale lock
 * only after checking, under the marker, that it is still the same file. Then
 * every racer competes for the free lock as usual. A holder removes the lock
 * only while it still holds its own token.
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
      const token = await this.acquire();
      try {
        return await work();
      } finally {
        this.release(token);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(): Promise<string> {
    const token = randomBytes(16).toString("hex");
    const content = JSON.stringify({ token, pid: process.pid });
    const deadline = Date.now() + this.waitMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
      if (createExclusive(this.path, content)) return token;
      const seen = this.look();
      if (seen && this.stale(seen)) {
        this.takeOver(seen);
        continue;
      }
      if (Date.now() > deadline) {
        throw new LockTimeoutError(`the emulator state lock ${this.path} has been held by another process for over ${this.waitMs} ms`);
      }
      await sleep(pause);
    }
  }

  /** Removes the lock only if it is still this holder's: a lock taken over meanwhile is someone else's. */
  private release(token: string): void {
    if (this.look()?.holder.token === token) rmSync(this.path, { force: true });
  }

  private look(): Seen | undefined {
    try {
      const raw = readFileSync(this.path, "utf8");
      const { ino, mtimeMs } = statSync(this.path);
      return { raw, ino, mtimeMs, holder: parseHolder(raw) };
    } catch {
      // Gone between the attempt and the look: simply try again.
      return undefined;
    }
  }

  /** The holder is gone (or never wrote its pid and the file is old). */
  private stale(seen: Seen): boolean {
    const { pid } = seen.holder;
    if (pid !== undefined && pid > 0) return !alive(pid);
    return Date.now() - seen.mtimeMs > 5_000;
  }

  /**
   * Removes the stale lock `seen`, if this process wins its takeover marker
   * and the lock is still that same file. A racer that loses simply tries
   * again: the lock is then free, or a live holder's.
   */
  private takeOver(seen: Seen): void {
    const id = createHash("sha256").update(`${seen.ino}\n${seen.raw}`).digest("hex").slice(0, 16);
    const marker = `${this.path}.takeover-${id}`;
    if (!createExclusive(marker, String(process.pid))) {
      try {
        if (Date.now() - statSync(marker).mtimeMs > MARKER_STALE_MS) rmSync(marker, { force: true });
      } catch {
        // The winner removed it: nothing to clear.
      }
      return;
    }
    try {
      const now = this.look();
      if (now && now.ino === seen.ino && now.raw === seen.raw) rmSync(this.path, { force: true });
    } finally {
      rmSync(marker, { force: true });
    }
  }
}
