import { randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import type { AccessKey } from "./gateway/auth";

/**
 * Access keys kept in a file only their owner can read. An embedded emulator
 * (the provider's, on `<state file>.key`) accepts no key but its own, so no
 * other user of the machine who finds its port can drive it; the
 * `directmail-emulator` command reads the same file (`--access-key-file`, or
 * by itself beside `--state`), so its owner still can.
 *
 * The file holds one `ID:SECRET` per line (blank lines and `#` comments
 * ignored). It is refused when it is a symbolic link, not owned by the user,
 * or readable or writable by group or others.
 */

export class AccessKeyFileError extends Error {}

/** The key file of the emulator keeping its state in `statePath`. */
export const keyFileFor = (statePath: string): string => `${statePath}.key`;

/** Reads the keys in `path`, after checking who may read it; undefined when there is no such file. `owner`: the uid it must belong to. */
export function readAccessKeyFile(path: string, owner: number | undefined = process.getuid?.()): AccessKey[] | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP") throw new AccessKeyFileError(`the access key file ${path} is a symbolic link; it must be a plain file`);
    throw new AccessKeyFileError(`the access key file ${path} cannot be read: ${(err as Error).message}`);
  }
  try {
    const { uid, mode } = fstatSync(fd);
    if (owner !== undefined && uid !== owner) {
      throw new AccessKeyFileError(`the access key file ${path} belongs to uid ${uid}, not to you (uid ${owner}); it is not used`);
    }
    if ((mode & 0o077) !== 0) {
      throw new AccessKeyFileError(
        `the access key file ${path} can be read or written by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${path}`,
      );
    }
    return parseKeys(readFileSync(fd, "utf8"), path);
  } finally {
    closeSync(fd);
  }
}

function parseKeys(text: string, path: string): AccessKey[] {
  const keys: AccessKey[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const key = parseAccessKey(line);
    if (!key) throw new AccessKeyFileError(`line ${i + 1} of the access key file ${path} is not ID:SECRET`);
    keys.push(key);
  }
  if (keys.length === 0) throw new AccessKeyFileError(`the access key file ${path} holds no ID:SECRET line`);
  return keys;
}

/** `ID:SECRET`, both non-empty (the secret may hold colons). */
export function parseAccessKey(spec: string): AccessKey | undefined {
  const i = spec.indexOf(":");
  return i <= 0 || i === spec.length - 1 ? undefined : { id: spec.slice(0, i), secret: spec.slice(i + 1) };
}

/**
 * The embedded emulator's own key for the state file at `statePath`: read from
 * its key file, or made (random) the first time. The file is written whole
 * under a temporary name and linked into place, so a second process starting
 * at the same moment either makes it or reads the complete one.
 */
export function embeddedAccessKey(statePath: string): AccessKey {
  const path = keyFileFor(statePath);
  const existing = readAccessKeyFile(path);
  if (existing) return existing[0];
  const key: AccessKey = { id: `embedded-${randomBytes(6).toString("hex")}`, secret: randomBytes(32).toString("base64url") };
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    try {
      writeSync(fd, `# the embedded DirectMail emulator's access key for ${statePath}; keep it private\n${key.id}:${key.secret}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, path);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const made = readAccessKeyFile(path);
    if (!made) throw new AccessKeyFileError(`the access key file ${path} vanished while it was being made`);
    return made[0];
  } finally {
    rmSync(tmp, { force: true });
  }
}
