import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { PersistedState } from "./models";

/** Reads saved state; a missing file means a fresh emulator. */
export function loadState(path: string): PersistedState | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as PersistedState;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`emulator state file ${path} is unreadable: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Writes through a temporary file and a rename, so a crash never leaves half
 * a file. Synchronous on purpose: it runs between a state change and the
 * answer, so no other request can observe unsaved state.
 */
export function saveState(path: string, state: PersistedState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(tmp, path);
}
