import type { StoredAddress } from "../dm/addresses/models";
import type { StoredDomain } from "../dm/domains/records";
import type { NotifySetting } from "../dm/notifyUrls/models";
import type { ReplyTicket } from "../dm/replyVerification/models";
import type { StoredReceiver } from "../dm/receivers/models";
import type { StoredTag } from "../dm/tags/models";
import type { StoredMessage } from "../dm/sending/models";

/**
 * The emulator's account: everything DirectMail keeps, per region, and what
 * the state file holds. The area models read and change it; only this module
 * knows how it is copied out (snapshot) and put back (restore).
 */

export interface RegionState {
  addresses: StoredAddress[];
  /** Sending domains, the configured ones included (migrations.ts fills them into files written before). */
  domains: StoredDomain[];
  notifyUrls: Record<string, NotifySetting>;
  deletions: { month: string; count: number };
  /** Recipient lists with their members (migrations.ts gives files written before an empty list). */
  receivers: StoredReceiver[];
  /** Mail tags (migrations.ts gives files written before them none). */
  tags: StoredTag[];
}

export interface PersistedState {
  /** Ids are unique across regions, as database ids are. */
  readonly nextId: number;
  readonly regions: Record<string, RegionState>;
  readonly tickets: ReplyTicket[];
  /** Accepted mail, oldest first, across regions (bounded: dm/sending/models.ts). */
  readonly messages: StoredMessage[];
}

/** The first id an empty account hands out. */
export const FIRST_ID = 100001;

export class AccountState {
  private readonly regions = new Map<string, RegionState>();
  tickets: ReplyTicket[] = [];
  messages: StoredMessage[] = [];
  private nextId = FIRST_ID;

  /** `seedDomains` gives the domains a region starts with, taking their ids from `newId`. */
  constructor(private readonly seedDomains: (newId: () => number) => StoredDomain[]) {}

  newId(): number {
    return this.nextId++;
  }

  /** The id the next object will get (ownership tokens are seeded with it). */
  peekId(): number {
    return this.nextId;
  }

  /** The region's state, created with the configured domains the first time a request reaches it. */
  region(name: string): RegionState {
    let state = this.regions.get(name);
    if (!state) {
      state = {
        addresses: [],
        domains: this.seedDomains(() => this.newId()),
        notifyUrls: {},
        deletions: { month: "", count: 0 },
        receivers: [],
        tags: [],
      };
      this.regions.set(name, state);
    }
    return state;
  }

  /** A region only if a request has reached it: looking must not create one. */
  existingRegion(name: string): RegionState | undefined {
    return this.regions.get(name);
  }

  /** Every region that exists, with its name. */
  allRegions(): Array<[string, RegionState]> {
    return [...this.regions];
  }

  snapshot(): PersistedState {
    return structuredClone({
      nextId: this.nextId,
      regions: Object.fromEntries(this.regions),
      tickets: this.tickets,
      messages: this.messages,
    });
  }

  restore(state: PersistedState): void {
    this.regions.clear();
    for (const [name, region] of Object.entries(state.regions)) this.regions.set(name, structuredClone(region));
    this.tickets = structuredClone(state.tickets);
    this.messages = structuredClone(state.messages);
    this.nextId = state.nextId;
  }
}
