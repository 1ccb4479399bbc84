import { asNumber, asObject, asString } from "../rpc/answers";

/** Recipient lists and their members as QueryReceiverByParam, QueryReceiverDetail and SaveReceiverDetail answer them. */

export interface ReceiverRecord {
  /** A string on the wire in the SDK's model, a number in some samples: always a string here. */
  readonly receiverId: string;
  readonly receiversName: string;
  readonly receiversAlias: string;
  readonly desc: string;
  /** Members, as the service counts them (-1 when the answer has none). */
  readonly count: number;
  /** 0 uploading, 1 upload complete; deprecated by the newest docs (-1 when absent). */
  readonly receiversStatus: number;
  readonly createTime: string;
}

export function toReceiverRecord(raw: unknown): ReceiverRecord {
  const o = asObject(raw);
  return {
    receiverId: asString(o.ReceiverId),
    receiversName: asString(o.ReceiversName),
    receiversAlias: asString(o.ReceiversAlias),
    desc: asString(o.Desc),
    count: asNumber(o.Count),
    receiversStatus: asNumber(o.ReceiversStatus),
    createTime: asString(o.CreateTime),
  };
}

/** The fields DirectMail keeps for a member beside its email, in the order of QueryReceiverDetail's DataSchema. */
export const MEMBER_FIELDS = ["userName", "nickName", "gender", "birthday", "mobile"] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

/**
 * One member of a list. Fields left out are not kept. `variables` are its
 * template variables (CustomDetail's CustomData); read back, they are left
 * out when the service does not give them (UNCONFIRMED whether it does).
 */
export type ReceiverMember = { readonly email: string; readonly variables?: Readonly<Record<string, string>> } & {
  readonly [K in MemberField]?: string;
};

/** The single-letter keys of SaveReceiverDetail's Detail records. */
const DETAIL_KEYS: Readonly<Record<MemberField, string>> = { userName: "u", nickName: "n", gender: "g", birthday: "b", mobile: "m" };
const DETAIL_KEYS_BY_LETTER: Readonly<Record<string, MemberField>> = Object.fromEntries(
  MEMBER_FIELDS.map((f) => [DETAIL_KEYS[f], f]),
) as Record<string, MemberField>;
/** The names QueryReceiverDetail's DataSchema gives the same fields. */
const SCHEMA_NAMES: Readonly<Record<string, MemberField>> = {
  username: "userName",
  name: "userName",
  nickname: "nickName",
  gender: "gender",
  birthday: "birthday",
  mobile: "mobile",
};

/** SaveReceiverDetail's Detail parameter: a JSON array text, one record per member. */
export function detailParameter(members: readonly ReceiverMember[]): string {
  return JSON.stringify(
    members.map((m) => {
      const record: Record<string, string> = { e: m.email };
      for (const field of MEMBER_FIELDS) {
        const value = m[field];
        if (value !== undefined && value !== "") record[DETAIL_KEYS[field]] = value;
      }
      return record;
    }),
  );
}

/** SaveReceiverDetail's CustomDetail parameter: `[{"Email": ..., "CustomData": {...}}]`, the variables whole (none: `{}`). */
export function customDetailParameter(members: readonly ReceiverMember[]): string {
  return JSON.stringify(members.map((m) => ({ Email: m.email, CustomData: { ...(m.variables ?? {}) } })));
}

/** CustomData as an object or as JSON text; undefined when the item has none (the service gave no variables back). */
function toVariables(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  let value = raw;
  if (typeof raw === "string") {
    if (raw.trim() === "") return {};
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asObject(value))) out[key] = asString(v);
  return out;
}

/**
 * A member as QueryReceiverDetail gives it. `Data` is the fields joined by
 * commas in DataSchema's order (the documented samples); a JSON object is read
 * too (UNCONFIRMED: the newest page's sample is JSON). Empty fields are left out.
 */
export function toReceiverMember(raw: unknown, dataSchema: readonly MemberField[]): ReceiverMember {
  const o = asObject(raw);
  const data = asString(o.Data);
  const member: Record<string, string> = { email: asString(o.Email) };
  const variables = toVariables(o.CustomData);
  if (data.trim().startsWith("{")) {
    let parsed: Record<string, unknown>;
    try {
      parsed = asObject(JSON.parse(data));
    } catch {
      parsed = {};
    }
    for (const [key, value] of Object.entries(parsed)) {
      const field = SCHEMA_NAMES[key.toLowerCase()] ?? (DETAIL_KEYS_BY_LETTER[key] as MemberField | undefined);
      if (field && asString(value) !== "") member[field] = asString(value);
    }
  } else {
    const values = data.split(",");
    dataSchema.forEach((field, i) => {
      const value = values[i]?.trim() ?? "";
      if (value !== "") member[field] = value;
    });
  }
  return (variables === undefined ? member : { ...member, variables }) as ReceiverMember;
}

/** DataSchema (`UserName,NickName,Gender,Birthday,Mobile`) as fields; the documented order when absent. */
export function toDataSchema(value: unknown): MemberField[] {
  const names = asString(value)
    .split(",")
    .map((n) => SCHEMA_NAMES[n.trim().toLowerCase()])
    .filter((f): f is MemberField => f !== undefined);
  return names.length > 0 ? names : [...MEMBER_FIELDS];
}

/** One page of QueryReceiverDetail: `next` is empty on the last page. */
export interface MemberPage {
  readonly members: readonly ReceiverMember[];
  readonly next: string;
}

export function toMemberPage(body: Record<string, unknown>): MemberPage {
  const schema = toDataSchema(body.DataSchema);
  const list = asObject(body.data).detail;
  return {
    members: Array.isArray(list) ? list.map((raw) => toReceiverMember(raw, schema)) : [],
    next: asString(body.NextStart),
  };
}

/** SaveReceiverDetail's answer: the members it refused, by email, with the service's reason when it gives one. */
export interface SaveOutcome {
  readonly successCount: number;
  readonly refused: ReadonlyArray<{ readonly email: string; readonly reason: string }>;
}

export function toSaveOutcome(body: Record<string, unknown>): SaveOutcome {
  // Capitalised here, unlike every other answer's lowercase `data`.
  const data = asObject(body.Data ?? body.data);
  const list = data.Detail ?? data.detail;
  return {
    successCount: asNumber(body.SuccessCount),
    refused: Array.isArray(list)
      ? list.map((raw) => {
          const o = asObject(raw);
          return { email: asString(o.Email), reason: asString(o.ErrMessage) };
        })
      : [],
  };
}
