import type { DirectMailClient } from "../../../client/client";
import { MEMBERS_PER_SAVE } from "../../../client/client";
import { deleteUnlessGone } from "../../framework/gone";
import { fieldsKey, hasVariables, Member, variablesKey } from "./memberRules";

/**
 * Brings a list's members from what it has (`current`) to what the program
 * declares (`wanted`), sending only the difference: removed members deleted
 * (DeleteReceiverDetail, one a call), added or changed ones saved
 * (SaveReceiverDetail, 500 a call): their fields (Detail), then, in calls of
 * their own, the variables of those whose variables changed (CustomDetail;
 * whether one call may carry both is UNCONFIRMED, so they never share one).
 *
 * Whether saving an email the list has updates it is UNCONFIRMED, so a member
 * the service refuses is deleted and saved once more on its own: where saves
 * update, a changed member costs one save; where they are refused as
 * duplicates, a delete and a second save; a save whose answer was lost (the
 * retry is refused as a duplicate) is put right the same way. Only a member
 * refused a second time is an error.
 */

/** Deletes in flight at once: the pacer keeps them to the documented 20 a second. */
const DELETE_CONCURRENCY = 8;

export interface MemberPlan {
  readonly remove: readonly string[];
  /** Members whose fields are saved (new ones, and those whose fields changed). */
  readonly save: readonly Member[];
  /** Members whose variables are saved (new ones that have some, and those whose variables changed). */
  readonly variables: readonly Member[];
}

/** What to send: nothing for a member that is the same on both sides, and only the part that changed. */
export function planMembers(current: readonly Member[], wanted: readonly Member[]): MemberPlan {
  const have = new Map(current.map((m) => [m.email, m]));
  const keep = new Set(wanted.map((m) => m.email));
  return {
    remove: current.filter((m) => !keep.has(m.email)).map((m) => m.email),
    save: wanted.filter((m) => {
      const h = have.get(m.email);
      return !h || fieldsKey(h) !== fieldsKey(m);
    }),
    variables: wanted.filter((m) => {
      const h = have.get(m.email);
      return h ? variablesKey(h) !== variablesKey(m) : hasVariables(m);
    }),
  };
}

/** A member the service would not take: its place in the program's `members` and the service's reason. */
export interface RefusedMember {
  readonly index: number;
  readonly reason: string;
}

/** Some members were refused; the others were saved and deleted as planned. */
export class MembersRefusedError extends Error {
  constructor(
    listName: string,
    readonly refused: readonly RefusedMember[],
  ) {
    const shown = refused.slice(0, 20).map((r) => `members[${r.index}]${r.reason ? ` (${r.reason})` : ""}`);
    super(
      `recipient list ${listName}: DirectMail refused ${refused.length} member${refused.length === 1 ? "" : "s"}: ${shown.join(", ")}` +
        `${refused.length > 20 ? `, and ${refused.length - 20} more` : ""}. The others are saved; fix these and run \`pulumi up\` again.`,
    );
  }
}

/**
 * The members the list is known to have, kept up to date as each call
 * succeeds, so that a failure part way records exactly what was done.
 */
export class KnownMembers {
  private readonly members: Map<string, Member>;

  constructor(initial: readonly Member[]) {
    this.members = new Map(initial.map((m) => [m.email, m]));
  }

  set(member: Member): void {
    this.members.set(member.email, member);
  }

  /** Its fields were saved: the variables it had (none if it was just deleted or is new) stay. */
  savedFields(member: Member): void {
    const { variables: _wanted, ...fields } = member;
    const had = this.members.get(member.email)?.variables;
    this.members.set(member.email, had ? { ...fields, variables: had } : fields);
  }

  /** Its variables were saved, whole. */
  savedVariables(member: Member): void {
    const { variables: _had, ...rest } = this.members.get(member.email) ?? { email: member.email };
    this.members.set(member.email, hasVariables(member) ? { ...rest, variables: member.variables } : rest);
  }

  drop(email: string): void {
    this.members.delete(email);
  }

  /** In the program's order, then any others. */
  inOrderOf(wanted: readonly Member[] | undefined): Member[] {
    const out: Member[] = [];
    const placed = new Set<string>();
    for (const m of wanted ?? []) {
      const known = this.members.get(m.email);
      if (known) {
        out.push(known);
        placed.add(m.email);
      }
    }
    for (const [email, m] of this.members) if (!placed.has(email)) out.push(m);
    return out;
  }

  /** Whether the list is known to have this member as it is, variables included. */
  has(member: Member): boolean {
    const known = this.members.get(member.email);
    return known !== undefined && fieldsKey(known) === fieldsKey(member) && variablesKey(known) === variablesKey(member);
  }

  get size(): number {
    return this.members.size;
  }
}

/** Runs `work` on every item, at most `limit` at a time; the first failure is thrown once all started ones end. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++];
      try {
        await work(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}

/** Saves fields or variables in batches of 500; returns the members refused, with the service's reason. */
async function saveAll(
  client: DirectMailClient,
  receiverId: string,
  members: readonly Member[],
  known: KnownMembers,
  part: "fields" | "variables",
): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  for (let i = 0; i < members.length; i += MEMBERS_PER_SAVE) {
    const batch = members.slice(i, i + MEMBERS_PER_SAVE);
    const outcome =
      part === "fields" ? await client.saveReceiverDetail(receiverId, batch) : await client.saveReceiverVariables(receiverId, batch);
    for (const r of outcome.refused) refused.set(r.email.toLowerCase(), r.reason);
    for (const m of batch) {
      if (refused.has(m.email)) continue;
      if (part === "fields") known.savedFields(m);
      else known.savedVariables(m);
    }
  }
  return refused;
}

/** Fields, then variables: the variables of a member re-saved after a delete are sent again, as the delete took them. */
async function saveMembers(
  client: DirectMailClient,
  receiverId: string,
  fields: readonly Member[],
  variables: readonly Member[],
  known: KnownMembers,
): Promise<Map<string, string>> {
  const refused = await saveAll(client, receiverId, fields, known, "fields");
  const sent = new Set(variables.map((m) => m.email));
  const resaved = fields.filter((m) => !refused.has(m.email) && !sent.has(m.email) && hasVariables(m) && !known.has(m));
  const withVariables = [...variables.filter((m) => !refused.has(m.email)), ...resaved];
  for (const [email, reason] of await saveAll(client, receiverId, withVariables, known, "variables")) refused.set(email, reason);
  return refused;
}

/**
 * Applies the plan. Throws MembersRefusedError when members were refused
 * twice, after doing everything else; any other failure is thrown as it
 * comes. `known` holds what the list has either way.
 */
export async function syncMembers(args: {
  readonly client: DirectMailClient;
  readonly receiverId: string;
  readonly listName: string;
  readonly wanted: readonly Member[];
  readonly plan: MemberPlan;
  readonly known: KnownMembers;
}): Promise<void> {
  const { client, receiverId, known, plan } = args;
  const remove = async (email: string) => {
    // A member already gone (deleted by hand, or by an attempt whose answer was lost) counts as deleted.
    await deleteUnlessGone(() => client.deleteReceiverDetail(receiverId, email));
    known.drop(email);
  };
  // Deletes first: they make room under the 10,000-member limit for the saves.
  await eachLimited(plan.remove, DELETE_CONCURRENCY, remove);
  const refusedOnce = await saveMembers(client, receiverId, plan.save, plan.variables, known);
  if (refusedOnce.size === 0) return;

  // Refused (a duplicate, or a repeat after a lost answer): deleted, then saved whole, fields and variables.
  const retry = args.wanted.filter((m) => refusedOnce.has(m.email));
  await eachLimited(
    retry.map((m) => m.email),
    DELETE_CONCURRENCY,
    remove,
  );
  const refusedTwice = await saveMembers(client, receiverId, retry, [], known);
  if (refusedTwice.size === 0) return;
  const index = new Map(args.wanted.map((m, i) => [m.email, i]));
  const refused = [...refusedTwice].map(([email, reason]) => ({
    index: index.get(email) ?? -1,
    // The service's reason may quote the address: personal data is never shown.
    reason: reason.split(email).join("(the address)"),
  }));
  throw new MembersRefusedError(
    args.listName,
    refused.sort((a, b) => a.index - b.index),
  );
}
