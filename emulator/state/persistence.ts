import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import type { PersistedState } from "./account";
import type { SavedState } from "./migrations";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** What is wrong with the shape of a parsed state file, if anything. */
function shapeProblem(state: unknown): string | undefined {
  if (!isObject(state)) return "it is not a JSON object";
  if (state.nextId !== undefined && !Number.isInteger(state.nextId)) return '"nextId" is not a whole number';
  if (!isObject(state.regions)) return '"regions" is not an object';
  for (const [name, region] of Object.entries(state.regions)) {
    if (!isObject(region) || !Array.isArray(region.addresses)) return `region "${name}" has no "addresses" list`;
    if (!region.addresses.every((a) => isObject(a) && Number.isInteger(a.id) && typeof a.accountName === "string")) {
      return `region "${name}" has an address without a whole-number "id" and a string "accountName"`;
    }
    if (!isObject(region.notifyUrls) || !isObject(region.deletions)) return `region "${name}" has no "notifyUrls" or "deletions" object`;
    const domains = region.domains;
    if (
      domains !== undefined &&
      !(
        Array.isArray(domains) &&
        domains.every((d) => isObject(d) && Number.isInteger(d.id) && typeof d.domainName === "string" && Array.isArray(d.published))
      )
    ) {
      return `region "${name}" has a "domains" entry that is not a list of domains with a whole-number "id", a string "domainName" and a "published" list`;
    }
    if (
      region.receivers !== undefined &&
      !(
        Array.isArray(region.receivers) &&
        region.receivers.every((r) => isObject(r) && typeof r.id === "string" && Array.isArray(r.members))
      )
    ) {
      return `region "${name}" has a "receivers" entry that is not a list of recipient lists with a string "id" and a "members" list`;
    }
  }
  for (const [name, region] of Object.entries(state.regions)) {
    const tags = (region as Record<string, unknown>).tags;
    if (
      tags !== undefined &&
      !(Array.isArray(tags) && tags.every((t) => isObject(t) && Number.isInteger(t.id) && typeof t.tagName === "string"))
    ) {
      return `region "${name}" has a "tags" entry that is not a list of tags with a whole-number "id" and a string "tagName"`;
    }
  }
  if (!Array.isArray(state.tickets)) return '"tickets" is not a list';
  if (
    state.messages !== undefined &&
    !(Array.isArray(state.messages) && state.messages.every((m) => isObject(m) && typeof m.id === "string"))
  ) {
    return '"messages" is not a list of messages with a string "id"';
  }
  return undefined;
}

/** The file's text, or undefined when there is none (a fresh emulator). */
export function readStateText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`emulator state file ${path} is unreadable: ${(err as Error).message}`, { cause: err });
  }
}

/** Saved state from the file's text, as any emulator version wrote it (migrations.ts). */
export function parseState(path: string, text: string): SavedState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`emulator state file ${path} is unreadable: ${(err as Error).message}`, { cause: err });
  }
  const problem = shapeProblem(parsed);
  if (problem) throw new Error(`emulator state file ${path} is not an emulator state file: ${problem}`);
  return parsed as SavedState;
}

/**
 * The file a state path names: a symbolic link is followed to its target, so
 * that the write (a rename) replaces the target and leaves the link in place,
 * and the lock sits beside the file it guards. A link to nothing is refused:
 * the intended place is unclear.
 */
export function resolveStatePath(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return path;
    throw err;
  }
  try {
    return realpathSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    const target = resolve(dirname(path), readlinkSync(path));
    throw new Error(
      `emulator state file ${path} is a symbolic link to ${target}, which does not exist; create the target (an empty account is the file {"regions": {}, "tickets": []}) or remove the link`,
      { cause: err },
    );
  }
}

/** Opens a new temporary file beside `path` under a random name, exclusively (O_EXCL: never one planted there), 0600. */
function openTemporary(path: string): { tmp: string; fd: number } {
  for (let attempt = 1; ; attempt++) {
    const tmp = `${path}.${randomBytes(8).toString("hex")}.tmp`;
    try {
      const fd = openSync(tmp, "wx", 0o600);
      return { tmp, fd };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 5) throw err;
    }
  }
}

function fsyncFolder(path: string): void {
  const fd = openSync(dirname(path), "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes through a temporary file and a rename, so a crash never leaves half
 * a file: the temporary file is new (O_EXCL, a random name), 0600 whatever
 * the umask, fsynced before the rename, and removed if anything fails; the
 * folder is fsynced after the rename, so the new name survives a power cut.
 * Synchronous on purpose: it runs between a state change and the answer, so no
 * other request can observe unsaved state. `path` is a resolved one
 * (resolveStatePath). Returns the text written.
 */
export function saveState(path: string, state: PersistedState): string {
  const text = JSON.stringify(state, null, 2);
  const { tmp, fd } = openTemporary(path);
  try {
    try {
      // The umask can only take bits away from 0600; this makes the mode exact.
      fchmodSync(fd, 0o600);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncFolder(path);
  return text;
}
