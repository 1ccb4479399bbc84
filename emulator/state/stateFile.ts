import { createHash } from "node:crypto";
import { dirname } from "node:path";
import type { StoredDomain } from "../dm/domains/records";
import type { AccountState } from "./account";
import { FileLock } from "./fileLock";
import { migrateState } from "./migrations";
import { parseState, readStateText, resolveStatePath, saveState } from "./persistence";

/** A change that could not be written: it has been undone in memory. */
export class StateNotSavedError extends Error {}

/**
 * The file changed on disk and could not be read: the request was not run on
 * a stale copy, and the next one reads the file again.
 */
export class StateNotLoadedError extends Error {}

/**
 * Which version of the file this is: a hash of its content. Inode, size and
 * modification time alone can stay equal across a change (an inode reused by
 * the next rename, the same length, a coarse or unmoved clock).
 */
function version(text: string | undefined): string {
  return text === undefined ? "none" : createHash("sha256").update(text).digest("hex");
}

/** Why a save failed, and what to do, in words a user can act on. */
function whyNotWritten(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return `its folder ${dirname(path)} is not writable by this process (${code}); make it writable, or keep the state elsewhere (directmail:emulatorState, or --state)`;
  }
  if (code === "ENOSPC" || code === "EDQUOT") return `the disk is full (${code}); free some space`;
  return (err as Error).message;
}

/**
 * The emulator's account in a file that several processes may use at once.
 * Each request's work runs under the file's lock, on the file's latest
 * version (reloaded when another process has written it since), and a change
 * is saved before the lock is released, so no process overwrites another's
 * change with a stale copy.
 */
export class StateFile {
  private loaded = "none";
  private readonly lock: FileLock;

  /** The file itself: a symbolic link given as the path is followed to it (persistence.ts). */
  readonly path: string;

  /** `seedDomains` fills the regions of files written before domains were kept (migrations.ts). */
  constructor(
    path: string,
    private readonly account: AccountState,
    private readonly seedDomains: (newId: () => number) => StoredDomain[],
  ) {
    this.path = resolveStatePath(path);
    this.lock = new FileLock(`${this.path}.lock`);
  }

  /**
   * At start, without the lock: saves are atomic renames, so a read never sees
   * half a file. The version is recorded only once the account holds it: a
   * failed read leaves the old version recorded, so the next request reads again.
   */
  load(): void {
    this.apply(readStateText(this.path));
  }

  private apply(text: string | undefined): void {
    if (text !== undefined) this.account.restore(migrateState(parseState(this.path, text), this.seedDomains));
    this.loaded = version(text);
  }

  /** Runs one request's work on the latest state; saves it when `changes` says the work may change it. */
  transact<T>(changes: boolean, work: () => T): Promise<T> {
    return this.lock.run(() => {
      try {
        const text = readStateText(this.path);
        if (version(text) !== this.loaded) this.apply(text);
      } catch (err) {
        throw new StateNotLoadedError(
          `the emulator state file ${this.path} changed on disk and could not be read again (${(err as Error).message}); the next request reads it again`,
          { cause: err },
        );
      }
      const before = changes ? this.account.snapshot() : undefined;
      const result = work();
      if (before) {
        try {
          this.loaded = version(saveState(this.path, this.account.snapshot()));
        } catch (err) {
          // Not saved, not done: a change kept only in memory would be lost on restart.
          this.account.restore(before);
          throw new StateNotSavedError(`the emulator state file ${this.path} was not written: ${whyNotWritten(this.path, err)}`, {
            cause: err,
          });
        }
      }
      return result;
    });
  }
}

/** Work on the account: under the state file's lock when there is one (other processes may share it), else at once. */
export async function onAccount<T>(stateFile: StateFile | undefined, changes: boolean, work: () => T): Promise<T> {
  return stateFile ? stateFile.transact(changes, work) : work();
}
