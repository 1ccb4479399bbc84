import { createHash, randomBytes } from "node:crypto";
import { closeSync, linkSync, openSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** Raised when another process holds the lock for longer than a request may wait; the message names the holder and what to do. */
export class LockTimeoutError extends Error {}

/** The lock file cannot be made at all (most often: the folder is not writable); the message says what to do. */
export class LockNotTakenError extends Error {}

/** What a lock file says of its holder. Files written by older emulators hold the pid alone. */
interface LockHolder {
  /** Random per acquisition: a holder removes a lock only when it still holds its own token. */
  readonly token?: string;
  readonly pid?: number;
  /** The holder's start time (field 22 of /proc/<pid>/stat): a live pid with another start time is a reused pid. */
  readonly start?: string;
  readonly host?: string;
  /** The holder's pid namespace (/proc/self/ns/pid): a pid from another namespace cannot be looked up here. */
  readonly pidns?: string;
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

/** A holder touches its lock this often while it holds it. */
const HEARTBEAT_MS = 1_000;

/**
 * A lock whose holder cannot be looked up (another host or pid namespace, or
 * a lock without a pid) is stale once its heartbeat is this old.
 */
const HEARTBEAT_STALE_MS = 15_000;

/** The start time of process `pid`, where /proc tells it. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return undefined;
  }
}

/** This process, as a lock names its holder. */
const SELF = { pid: process.pid, start: startTime(process.pid), host: hostname(), pidns: pidNamespace() };

/** The tokens this process holds now, across every FileLock in it (two emulators in one process may share a file). */
const HELD = new Set<string>();

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
    const text = (key: string) => (typeof parsed[key] === "string" ? (parsed[key] as string) : undefined);
    return {
      token: text("token"),
      pid: Number.isInteger(parsed.pid) ? (parsed.pid as number) : undefined,
      start: text("start"),
      host: text("host"),
      pidns: text("pidns"),
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
 *
 * A holder is known by more than its pid: its start time, host and pid
 * namespace, and a heartbeat (the lock's modification time, touched while it
 * is held). A live pid with another start time is a reused pid, and this
 * process's own pid under a token it does not hold is an earlier process's
 * (containers reuse pid sequences): both are stale. A pid from another host or
 * pid namespace cannot be looked up here, so it is taken for live until its
 * heartbeat stops.
 */
export class FileLock {
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `waitMs` stays well under a client's time-out (30 s), so that a lock held
   * too long is answered as such instead of as no answer; `file` is what the lock guards, for messages.
   */
  constructor(
    private readonly path: string,
    private readonly waitMs = 10_000,
    private readonly file = path.replace(/\.lock$/, ""),
  ) {}

  /** Runs `work` while holding the lock. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const token = await this.acquire();
      HELD.add(token);
      const heartbeat = setInterval(() => this.beat(token), HEARTBEAT_MS);
      heartbeat.unref();
      try {
        return await work();
      } finally {
        clearInterval(heartbeat);
        HELD.delete(token);
        this.release(token);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(): Promise<string> {
    const token = randomBytes(16).toString("hex");
    const content = JSON.stringify({ token, ...SELF });
    const deadline = Date.now() + this.waitMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
      if (this.create(content)) return token;
      const seen = this.look();
      if (seen && this.stale(seen)) {
        this.takeOver(seen);
        continue;
      }
      if (Date.now() > deadline) throw new LockTimeoutError(this.heldTooLong(seen));
      await sleep(pause);
    }
  }

  private create(content: string): boolean {
    try {
      return createExclusive(this.path, content);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === "EACCES" || code === "EPERM" || code === "EROFS"
          ? `its folder ${dirname(this.path)} is not writable by this process (${code}); make it writable, or keep the state elsewhere (directmail:emulatorState, or --state)`
          : (err as Error).message;
      throw new LockNotTakenError(`the emulator state file ${this.file} cannot be locked (lock file ${this.path}): ${why}`, { cause: err });
    }
  }

  /** Who holds the lock, and what to do about it. */
  private heldTooLong(seen: Seen | undefined): string {
    const { pid, host } = seen?.holder ?? {};
    const who = pid !== undefined ? `process ${pid}${host && host !== SELF.host ? ` on ${host}` : ""}` : "another process";
    const beat = seen ? `, last heartbeat ${Math.round((Date.now() - seen.mtimeMs) / 1000)} s ago` : "";
    return (
      `the emulator state file ${this.file} is locked by ${who} (lock file ${this.path}${beat}), for over ${this.waitMs / 1000} s: ` +
      `another emulator on this file (a pulumi command of this project, a directmail-emulator) is busy or stopped; ` +
      `let it finish or stop it, and if no such process is running, delete ${this.path}`
    );
  }

  /** Touches the lock while this holder still has it: a holder that cannot be looked up is known alive by this. */
  private beat(token: string): void {
    if (this.look()?.holder.token !== token) return;
    try {
      const now = new Date();
      utimesSync(this.path, now, now);
    } catch {
      // Gone meanwhile: the release finds out.
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

  /** The holder is gone, is not the process the pid now names, or cannot be looked up and has stopped its heartbeat. */
  private stale(seen: Seen): boolean {
    const { token, pid, start, host, pidns } = seen.holder;
    const heartbeatStopped = Date.now() - seen.mtimeMs > HEARTBEAT_STALE_MS;
    if (pid === undefined || pid <= 0) return heartbeatStopped;
    const elsewhere =
      (host !== undefined && host !== SELF.host) || (pidns !== undefined && SELF.pidns !== undefined && pidns !== SELF.pidns);
    if (elsewhere) return heartbeatStopped;
    if (!alive(pid)) return true;
    if (pid === SELF.pid) return token === undefined || !HELD.has(token);
    const now = startTime(pid);
    return start !== undefined && now !== undefined && now !== start;
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
