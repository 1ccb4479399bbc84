import { isIP } from "node:net";
import { keyFileFor, parseAccessKey, readAccessKeyFile } from "./accessKeyFile";
import type { AccessKey } from "./gateway/auth";
import { DEFAULT_ACCESS_KEY } from "./server";

/**
 * Where the `directmail-emulator` command takes its keys from, and what it
 * warns about. A secret on the command line is in every user's `ps`; a file
 * (0600) or the environment (readable by its owner only, in /proc) is not.
 */

/** The environment variable holding one `ID:SECRET`. */
export const ACCESS_KEY_ENV = "DIRECTMAIL_EMULATOR_ACCESS_KEY";

export interface KeySources {
  readonly accessKey?: readonly string[];
  readonly accessKeyFile?: readonly string[];
  readonly state?: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface ChosenKeys {
  /** Undefined: the published default key. */
  readonly keys?: AccessKey[];
  /** Where they came from, for the start-up line (never a secret). */
  readonly from: string[];
  readonly warnings: string[];
}

/** Every key given, from every source; with none, the state file's own key file when it has one (the embedded emulator's). */
export function chooseKeys(sources: KeySources): ChosenKeys {
  const keys: AccessKey[] = [];
  const from: string[] = [];
  const warnings: string[] = [];
  if (sources.accessKey?.length) {
    for (const spec of sources.accessKey) {
      const key = parseAccessKey(spec);
      if (!key) throw new Error("--access-key must be ID:SECRET");
      keys.push(key);
    }
    from.push("--access-key");
    warnings.push(
      `--access-key puts the secret in the process list, where every user of this machine can read it; ` +
        `use --access-key-file FILE (mode 600) or ${ACCESS_KEY_ENV}=ID:SECRET instead`,
    );
  }
  for (const file of sources.accessKeyFile ?? []) {
    const read = readAccessKeyFile(file);
    if (!read) throw new Error(`--access-key-file ${file}: no such file`);
    keys.push(...read);
    from.push(file);
  }
  const fromEnv = sources.env[ACCESS_KEY_ENV];
  if (fromEnv) {
    const key = parseAccessKey(fromEnv.trim());
    if (!key) throw new Error(`${ACCESS_KEY_ENV} must be ID:SECRET`);
    keys.push(key);
    from.push(ACCESS_KEY_ENV);
  }
  if (keys.length === 0 && sources.state) {
    const own = readAccessKeyFile(keyFileFor(sources.state));
    if (own) {
      keys.push(...own);
      from.push(keyFileFor(sources.state));
    }
  }
  return { keys: keys.length > 0 ? keys : undefined, from, warnings };
}

/** 127.0.0.0/8, ::1, localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1" || bare === "::ffff:127.0.0.1";
}

/** The warning for a listener others can reach that accepts the published default key, if that is the case. */
export function exposureWarning(host: string, keys: readonly AccessKey[] | undefined): string | undefined {
  const acceptsDefault = !keys || keys.some((k) => k.id === DEFAULT_ACCESS_KEY.id && k.secret === DEFAULT_ACCESS_KEY.secret);
  if (isLoopback(host) || !acceptsDefault) return undefined;
  return (
    `listening on ${host}, beyond this machine, with the published default access key: anyone who can reach the port ` +
    `can read and change this emulator's account; give it a key of its own (--access-key-file FILE or ${ACCESS_KEY_ENV})`
  );
}
