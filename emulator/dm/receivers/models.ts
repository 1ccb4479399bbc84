import { createHash } from "node:crypto";
import { Errors } from "../../exceptions";
import type { AccountState } from "../../state/account";
import { isMailAddress } from "../mailbox";
import { minuteTime, ModelOptions } from "../options";

/** The fields a member keeps beside its email, in DataSchema's order. */
export const MEMBER_FIELDS = ["userName", "nickName", "gender", "birthday", "mobile"] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export interface StoredMember {
  email: string;
  fields: Partial<Record<MemberField, string>>;
  /** The template variables CustomDetail saved (CustomData); none until one does. */
  customData?: Record<string, string>;
  createdAt: string;
}

export interface StoredReceiver {
  /** 32 lower-case hex characters, or decimal digits under the numeric-id dialect; a string either way. */
  id: string;
  name: string;
  alias: string;
  desc: string;
  createdAt: string;
  members: StoredMember[];
}

/** What the receiver rules need of the dialect. */
export interface ReceiverRules {
  /** Ids as 32-hex strings (the SDK's samples) or as numbers (the toy samples). */
  readonly ids: "hex" | "numeric";
  /** Whether an alias is kept as given or stored in lower case (UNCONFIRMED). */
  readonly aliases: "kept" | "lowercased";
  /** Whether saving an email the list has updates its fields or is refused as a duplicate (UNCONFIRMED). */
  readonly saveExisting: "refuses" | "updates";
  /** Whether deleting an email the list lacks succeeds or is refused as not found (UNCONFIRMED). */
  readonly deleteMissing: "succeeds" | "not-found" | "refused";
  /** Whether one call may carry both Detail and CustomDetail (UNCONFIRMED). */
  readonly customDetailCombined: "separate" | "combined";
  /** Whether a list that still has members may be deleted (UNCONFIRMED). */
  readonly deleteNonEmpty: "allowed" | "refused";
}

/** The documented limits, and the console's field lengths. */
const MAX_NAME = 30;
/** "less than 30 characters" (the English page says "up to 30": the emulator keeps the stricter). */
const MAX_ALIAS = 29;
const MAX_DESC = 255;
const FIELD_LIMITS: Readonly<Record<MemberField, number>> = { userName: 75, nickName: 25, gender: 10, birthday: 30, mobile: 30 };
/** SaveReceiverDetail's single-letter keys. */
const DETAIL_KEYS: Readonly<Record<string, MemberField>> = { u: "userName", n: "nickName", g: "gender", b: "birthday", m: "mobile" };

export interface SaveResult {
  readonly saved: number;
  readonly refused: ReadonlyArray<{ readonly email: string; readonly reason: string }>;
}

/** Recipient lists and their members: CreateReceiver, DeleteReceiver, QueryReceiverByParam, Save/Query/DeleteReceiverDetail. */
export class ReceiverModel {
  constructor(
    private readonly account: AccountState,
    private readonly options: ModelOptions,
  ) {}

  private lists(region: string): StoredReceiver[] {
    const state = this.account.region(region);
    state.receivers ??= [];
    return state.receivers;
  }

  find(region: string, id: string): StoredReceiver {
    const found = this.lists(region).find((r) => r.id === id);
    if (!found) throw Errors.receiverNotFound();
    return found;
  }

  /** Names are unique in the account (all regions); at most `receiverLimit` lists in all. */
  createReceiver(region: string, args: { name: string; alias: string; desc?: string }, rules: ReceiverRules): StoredReceiver {
    if (args.name.length > MAX_NAME) throw Errors.receiverNameMalformed();
    if (args.alias.length > MAX_ALIAS || !isMailAddress(args.alias)) throw Errors.receiverNameMalformed();
    if (args.desc !== undefined && args.desc.length > MAX_DESC) throw Errors.invalidParameter("Desc");
    const everywhere = this.account.allRegions().flatMap(([, r]) => r.receivers ?? []);
    if (everywhere.some((r) => r.name === args.name)) throw Errors.receiverDuplicate();
    if (everywhere.length >= this.options.receiverLimit) throw Errors.receiverLimit();
    const serial = this.account.newId();
    const id = rules.ids === "numeric" ? String(serial) : createHash("md5").update(`receiver:${serial}:${args.name}`).digest("hex");
    const receiver: StoredReceiver = {
      id,
      name: args.name,
      alias: rules.aliases === "lowercased" ? args.alias.toLowerCase() : args.alias,
      desc: args.desc ?? "",
      createdAt: minuteTime(this.options.now()),
      members: [],
    };
    this.lists(region).push(receiver);
    return receiver;
  }

  deleteReceiver(region: string, id: string, rules: ReceiverRules): void {
    const receiver = this.find(region, id);
    if (rules.deleteNonEmpty === "refused" && receiver.members.length > 0) throw Errors.receiverStatusMalformed();
    const state = this.account.region(region);
    state.receivers = this.lists(region).filter((r) => r !== receiver);
  }

  /** KeyWord matches a part of the name or the alias (UNCONFIRMED: the fields matched are not documented). */
  queryReceivers(region: string, keyWord: string | undefined): StoredReceiver[] {
    return this.lists(region).filter((r) => !keyWord || r.name.includes(keyWord) || r.alias.includes(keyWord));
  }

  /**
   * SaveReceiverDetail. A malformed record, an email given twice, a field too
   * long or a full list is refused per member (ErrorCount), the rest saved;
   * an email the list has is refused or updated, as the dialect says.
   */
  saveMembers(region: string, id: string, args: { detail?: string; customDetail?: string }, rules: ReceiverRules): SaveResult {
    const receiver = this.find(region, id);
    if (args.detail !== undefined && args.customDetail !== undefined && rules.customDetailCombined === "separate")
      throw Errors.invalidParameter("CustomDetail");
    const fields =
      args.detail === undefined
        ? { saved: 0, refused: [] }
        : this.saveEach(receiver, parseRecords(args.detail, "Detail", this.options.membersPerSave), parseRecord, {
            // The fields only: template variables are CustomDetail's.
            update: (member, parsed) => {
              if (rules.saveExisting === "refuses") return "the email already exists in the list";
              member.fields = parsed.fields;
              return undefined;
            },
            added: (parsed) => ({ fields: parsed.fields }),
          });
    if (args.customDetail === undefined) return fields;
    // CustomDetail: each record sets a member's template variables whole. The
    // emulator's reading (UNCONFIRMED): an email the list has gets them (a
    // repeat after a lost answer sets the same again), one it lacks is added
    // with them and no other field.
    const custom = this.saveEach(
      receiver,
      parseRecords(args.customDetail, "CustomDetail", this.options.membersPerSave),
      parseCustomRecord,
      {
        update: (member, parsed) => {
          member.customData = parsed.customData;
          return undefined;
        },
        added: (parsed) => ({ fields: {}, customData: parsed.customData }),
      },
    );
    return { saved: fields.saved + custom.saved, refused: [...fields.refused, ...custom.refused] };
  }

  /**
   * The per-record rules both kinds of record share: a malformed record, an
   * email given twice in one request and a full list are refused one by one
   * (ErrorCount), the rest saved; what a record does to a member the list has,
   * and what a new member holds, is the kind's own.
   */
  private saveEach<T extends { email: string }>(
    receiver: StoredReceiver,
    records: unknown[],
    parse: (record: unknown) => T | { email: string; reason: string },
    kind: {
      /** Applies the record to a member the list has; a reason refuses it instead. */
      update: (member: StoredMember, parsed: T) => string | undefined;
      added: (parsed: T) => Omit<StoredMember, "email" | "createdAt">;
    },
  ): SaveResult {
    const refused: Array<{ email: string; reason: string }> = [];
    const seen = new Set<string>();
    const index = new Map(receiver.members.map((m) => [m.email, m]));
    let saved = 0;
    for (const record of records) {
      const parsed = parse(record);
      if ("reason" in parsed) {
        refused.push({ email: parsed.email, reason: parsed.reason });
        continue;
      }
      const email = parsed.email.toLowerCase();
      if (seen.has(email)) {
        refused.push({ email: parsed.email, reason: "duplicate in this request" });
        continue;
      }
      seen.add(email);
      const existing = index.get(email);
      const refusal = existing
        ? kind.update(existing, parsed)
        : receiver.members.length >= this.options.membersPerList
          ? "the list is full"
          : undefined;
      if (refusal) {
        refused.push({ email: parsed.email, reason: refusal });
        continue;
      }
      if (!existing) {
        const member: StoredMember = { email, ...kind.added(parsed), createdAt: new Date(this.options.now()).toISOString() };
        receiver.members.push(member);
        index.set(email, member);
      }
      saved++;
    }
    return { saved, refused };
  }

  /** A page of members from `start` (an index), with KeyWord as a part of the email. */
  members(region: string, id: string, args: { keyWord?: string; start: number; pageSize: number }): { page: StoredMember[]; next: number } {
    const receiver = this.find(region, id);
    const keyWord = args.keyWord?.toLowerCase();
    const all = keyWord ? receiver.members.filter((m) => m.email.includes(keyWord)) : receiver.members;
    const page = all.slice(args.start, args.start + args.pageSize);
    return { page, next: args.start + page.length < all.length ? args.start + page.length : -1 };
  }

  deleteMember(region: string, id: string, email: string, rules: ReceiverRules): void {
    const receiver = this.find(region, id);
    if (!isMailAddress(email)) throw Errors.receiverNameMalformed();
    const i = receiver.members.findIndex((m) => m.email === email.toLowerCase());
    if (i < 0) {
      if (rules.deleteMissing === "not-found") throw Errors.memberNotFound();
      if (rules.deleteMissing === "refused") throw Errors.receiverNameMalformed();
      return;
    }
    receiver.members.splice(i, 1);
  }
}

/** Detail or CustomDetail: a JSON array text of at most `max` records. */
function parseRecords(text: string, name: string, max: number): unknown[] {
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch {
    throw Errors.invalidParameter(name);
  }
  if (!Array.isArray(records)) throw Errors.invalidParameter(name);
  if (records.length > max) throw Errors.receiverDetailLimit();
  return records;
}

/** One CustomDetail record: `{"Email": email, "CustomData": {name: string value}}`; anything else is refused with a reason. */
function parseCustomRecord(record: unknown): { email: string; customData: Record<string, string> } | { email: string; reason: string } {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return { email: "", reason: "not a record" };
  const o = record as Record<string, unknown>;
  const email = typeof o.Email === "string" ? o.Email : "";
  if (!isMailAddress(email)) return { email, reason: "invalid email address" };
  const data = o.CustomData ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { email, reason: "CustomData is not an object" };
  const customData: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== "string") return { email, reason: `CustomData ${key} is not a string` };
    customData[key] = value;
  }
  return { email, customData };
}

/** One Detail record: `{"e": email, "u"?, "n"?, "g"?, "b"?, "m"?}`; anything else is refused with a reason. */
function parseRecord(record: unknown): { email: string; fields: Partial<Record<MemberField, string>> } | { email: string; reason: string } {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return { email: "", reason: "not a record" };
  const o = record as Record<string, unknown>;
  const email = typeof o.e === "string" ? o.e : "";
  if (!isMailAddress(email)) return { email, reason: "invalid email address" };
  const fields: Partial<Record<MemberField, string>> = {};
  for (const [key, value] of Object.entries(o)) {
    if (key === "e") continue;
    const field = DETAIL_KEYS[key];
    if (!field || typeof value !== "string") return { email, reason: `unknown or malformed field ${key}` };
    if (value.length > FIELD_LIMITS[field]) return { email, reason: `${field} is too long` };
    if (value !== "") fields[field] = value;
  }
  return { email, fields };
}
