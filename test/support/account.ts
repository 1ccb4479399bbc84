import { existsSync, readFileSync } from "node:fs";
import type { PersistedState, StoredAddress } from "../../emulator";

/** The embedded emulator's account as its state file holds it: the service's side of a test. */
export function account(statePath: string): PersistedState {
  if (!existsSync(statePath)) return { nextId: 0, regions: {}, tickets: [], messages: [] };
  return JSON.parse(readFileSync(statePath, "utf8")) as PersistedState;
}

export function addresses(statePath: string): Array<StoredAddress & { region: string }> {
  return Object.entries(account(statePath).regions).flatMap(([region, r]) => r.addresses.map((a) => ({ ...a, region })));
}
