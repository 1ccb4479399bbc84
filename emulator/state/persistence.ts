import { readFileSync, renameSync, writeFileSync } from "node:fs";
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
  return undefined;
}

/** Reads saved state, as any emulator version wrote it (migrations.ts); a missing file means a fresh emulator. */
export function loadState(path: string): SavedState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`emulator state file ${path} is unreadable: ${(err as Error).message}`, { cause: err });
  }
  const problem = shapeProblem(parsed);
  if (problem) throw new Error(`emulator state file ${path} is not an emulator state file: ${problem}`);
  return parsed as SavedState;
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
