import type { StoredDomain } from "../dm/domains/records";
import { FIRST_ID, PersistedState, RegionState } from "./account";

/**
 * State files as older emulators wrote them, and how they become today's
 * shape. Applied once, when a file is loaded, so that the rest of the
 * emulator sees only the current shape.
 *
 * Password hashes are not migrated (an unsalted SHA-256 cannot become a
 * salted scrypt without the password): dm/addresses/passwordHash.ts still
 * compares the old form.
 */

/** A region as any emulator version wrote it: before domains were kept, it had none. */
export type SavedRegion = Omit<RegionState, "domains" | "tags" | "receivers"> & {
  domains?: StoredDomain[];
  tags?: RegionState["tags"];
  receivers?: RegionState["receivers"];
};

/** A state file as any emulator version wrote it: before ids were account-wide, it had no counter. */
export interface SavedState {
  readonly nextId?: number;
  readonly regions: Record<string, SavedRegion>;
  readonly tickets: PersistedState["tickets"];
  /** Absent before the emulator kept sent mail. */
  readonly messages?: PersistedState["messages"];
}

/**
 * Today's shape of a saved state. A file without `nextId` continues after its
 * highest id; a region without `domains` gets the configured ones
 * (`seedDomains`, taking fresh ids), as a new region would; one without
 * `tags` and `receivers` (written before tags and recipient lists) have none;
 * a file without `messages` (written before sending) has sent none.
 */
export function migrateState(saved: SavedState, seedDomains: (newId: () => number) => StoredDomain[]): PersistedState {
  const ids = Object.values(saved.regions).flatMap((r) => [...r.addresses, ...(r.domains ?? []), ...(r.tags ?? [])].map((o) => o.id));
  let nextId = saved.nextId ?? Math.max(FIRST_ID - 1, ...ids) + 1;
  const newId = () => nextId++;
  const regions: Record<string, RegionState> = {};
  for (const [name, region] of Object.entries(saved.regions)) {
    regions[name] = {
      ...region,
      domains: region.domains ?? seedDomains(newId),
      tags: region.tags ?? [],
      receivers: region.receivers ?? [],
    };
  }
  return { nextId, regions, tickets: saved.tickets, messages: saved.messages ?? [] };
}
