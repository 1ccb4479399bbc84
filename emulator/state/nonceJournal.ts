import { closeSync, constants, fstatSync, openSync, readSync, renameSync, writeSync } from "node:fs";

const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
const READ = constants.O_RDONLY | constants.O_NOFOLLOW;

/**
 * The signature nonces spent on one state file, by every emulator that uses
 * it (a restarted one, a second one beside it): an append-only file beside the
 * state file, one `[at, nonce]` line per request, so a captured request
 * cannot be replayed against another process within its window. Every
 * method runs under the state file's lock. An append costs one write, not a
 * rewrite of the state file; the file is rewritten only to drop what has
 * expired once it has grown past `maxBytes`, so it holds at most one window's
 * traffic (and never much more than `maxBytes` when that is less).
 */
export class NonceJournal {
  private readonly known = new Map<string, number>();
  /** Where this process has read up to, in the file identified by `inode`. */
  private offset = 0;
  private inode = -1;

  constructor(
    readonly path: string,
    private readonly windowMs: number,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {}

  /** False when the nonce was spent within the window, by this process or another; otherwise records it. */
  spend(nonce: string, at: number): boolean {
    this.catchUp();
    this.expire(at);
    const seen = this.known.get(nonce);
    if (seen !== undefined && at - seen <= this.windowMs) return false;
    this.append(nonce, at);
    if (this.offset > this.maxBytes) this.compact(at);
    return true;
  }

  /** Reads what other processes appended since this one last looked (all of it when the file was rewritten). */
  private catchUp(): void {
    let fd: number;
    try {
      fd = openSync(this.path, READ);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return this.reset(-1);
      throw err;
    }
    try {
      const { ino, size } = fstatSync(fd);
      if (ino !== this.inode || size < this.offset) this.reset(ino);
      if (size === this.offset) return;
      const chunk = Buffer.alloc(size - this.offset);
      readSync(fd, chunk, 0, chunk.length, this.offset);
      // Only whole lines: an append cut short by a crash is skipped, not misread.
      const end = chunk.lastIndexOf(0x0a) + 1;
      for (const line of chunk.subarray(0, end).toString("utf8").split("\n")) this.learn(line);
      this.offset += end;
    } finally {
      closeSync(fd);
    }
  }

  private reset(inode: number): void {
    this.known.clear();
    this.offset = 0;
    this.inode = inode;
  }

  private learn(line: string): void {
    try {
      const entry: unknown = JSON.parse(line);
      if (Array.isArray(entry) && typeof entry[0] === "number" && typeof entry[1] === "string") this.known.set(entry[1], entry[0]);
    } catch {
      // An empty or damaged line spends nothing.
    }
  }

  /** Insertion order is (nearly) time order: drop from the front what has expired. */
  private expire(now: number): void {
    for (const [nonce, at] of this.known) {
      if (now - at <= this.windowMs) break;
      this.known.delete(nonce);
    }
  }

  private append(nonce: string, at: number): void {
    const line = Buffer.from(`${JSON.stringify([at, nonce])}\n`);
    const fd = openSync(this.path, APPEND, 0o600);
    try {
      const { ino, size } = fstatSync(fd);
      if (ino !== this.inode) this.reset(ino);
      writeSync(fd, line);
      // Under the lock nobody else appends: this process has now read everything up to here.
      if (size === this.offset) this.offset += line.length;
    } finally {
      closeSync(fd);
    }
    this.known.set(nonce, at);
  }

  /** Rewrites the file with the nonces still within their window; past `maxBytes` even so, the oldest go first. */
  private compact(now: number): void {
    this.expire(now);
    const lines = [...this.known].map(([nonce, at]) => `${JSON.stringify([at, nonce])}\n`);
    let bytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l), 0);
    while (bytes > this.maxBytes / 2 && lines.length > 0) bytes -= Buffer.byteLength(lines.shift() ?? "");
    const tmp = `${this.path}.${process.pid}.compact`;
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
    try {
      writeSync(fd, lines.join(""));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    this.reset(-1);
    this.catchUp();
  }
}
