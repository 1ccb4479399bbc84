import { MEMBER_FIELDS, MemberField, ReceiverMember } from "../../../client/types";
import type { PropertyType } from "../../schema/schema";
import { addressProblem } from "../../schema/validation";

/**
 * The rules of a list's members, checked at preview. Members are personal
 * data: no message quotes an email or a field, only its place in `members`.
 */

/** DirectMail's documented limits. */
export const MAX_MEMBERS = 10_000;
/** The console's field lengths (UserName 75, NickName 25); the other fields' are undocumented and this package's. */
const FIELD_LIMITS: Readonly<Record<MemberField, number>> = { userName: 75, nickName: 25, gender: 30, birthday: 30, mobile: 30 };

export type Member = ReceiverMember;

/** Template variables: names of letters, digits and underscores, a cap per member and per value (this package's; DirectMail documents none). */
export const MAX_VARIABLES = 20;
export const MAX_VARIABLE_LENGTH = 1_000;
const VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** A member with its email in lower case, empty fields and empty variables left out, variables by name: how it is compared and kept. */
export function canonicalMember(member: Member): Member {
  const out: Record<string, unknown> = { email: member.email.toLowerCase() };
  for (const field of MEMBER_FIELDS) {
    const value = member[field];
    if (value !== undefined && value !== "") out[field] = value;
  }
  const names = Object.keys(member.variables ?? {}).sort();
  if (names.length > 0) out.variables = Object.fromEntries(names.map((n) => [n, member.variables![n]]));
  return out as Member;
}

/** Each problem names its path, `variables.<name>`, after the member's `at [i]:`. */
function variableProblems(raw: unknown, at: string): string[] {
  const path = "variables";
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== "object" || Array.isArray(raw)) return [`${at} ${path} must be an object of names to strings such as { plan: "pro" }`];
  const entries = Object.entries(raw as Record<string, unknown>);
  const problems: string[] = [];
  if (entries.length > MAX_VARIABLES)
    problems.push(`${at} ${path} must have at most ${MAX_VARIABLES} variables (it has ${entries.length})`);
  for (const [name, value] of entries) {
    // The name is the program's template key, not personal data; the value may be, and is never quoted.
    if (!VARIABLE_NAME.test(name)) {
      problems.push(`${at} ${path} has a name of ${name.length} characters that is not 1-64 letters, digits or underscores`);
      continue;
    }
    if (typeof value !== "string") problems.push(`${at} ${path}.${name} must be a string, not ${value === null ? "null" : typeof value}`);
    else if (value.length > MAX_VARIABLE_LENGTH)
      problems.push(`${at} ${path}.${name} must be at most ${MAX_VARIABLE_LENGTH} characters (it has ${value.length})`);
  }
  return problems;
}

function memberProblems(raw: unknown, at: string): string[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [`${at} must be an object such as { email: "a@example.com" }`];
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  const unknown = Object.keys(o).filter((k) => k !== "email" && k !== "variables" && !(MEMBER_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    problems.push(`${at} has no field ${unknown.map((k) => `"${k}"`).join(", ")}; it takes email, ${MEMBER_FIELDS.join(", ")}, variables`);
  problems.push(...variableProblems(o.variables, at));
  if (typeof o.email !== "string" || o.email === "") problems.push(`${at} email is required`);
  else {
    const problem = addressProblem(o.email);
    if (problem) problems.push(`${at} email ${problem.replace(/"[^"]*"/g, "(the value)")}`);
  }
  for (const field of MEMBER_FIELDS) {
    const value = o[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") problems.push(`${at} ${field} must be a string`);
    else if (value.length > FIELD_LIMITS[field])
      problems.push(`${at} ${field} must be at most ${FIELD_LIMITS[field]} characters (it has ${value.length})`);
    else if (value.includes(","))
      problems.push(`${at} ${field} must not contain a comma (DirectMail reads a member's fields back comma-separated)`);
  }
  return problems;
}

/** The `members` input: at most 10,000 members, each email once (case-insensitive). */
export const receiverMembers: PropertyType<Member[]> = {
  label: "`{ email, userName?, nickName?, gender?, birthday?, mobile?, variables? }[]`",
  rule: `at most ${MAX_MEMBERS.toLocaleString("en")} members, each \`email\` a valid address and given once (case-insensitive); \`userName\` at most 75 characters, \`nickName\` 25, the others 30; no commas in fields; \`variables\` at most ${MAX_VARIABLES} strings of at most ${MAX_VARIABLE_LENGTH.toLocaleString("en")} characters, named by 1-64 letters, digits or underscores`,
  isAbsent: (v) => v === undefined || v === null,
  parse(value) {
    if (!Array.isArray(value)) return { problems: ['must be a list of members such as [{ email: "a@example.com" }]'] };
    if (value.length > MAX_MEMBERS) return { problems: [`must have at most ${MAX_MEMBERS} members (it has ${value.length})`] };
    const problems: string[] = [];
    const firstAt = new Map<string, number>();
    value.forEach((raw, i) => {
      const found = memberProblems(raw, `at [${i}]:`);
      problems.push(...found);
      if (found.length > 0) return;
      const email = (raw as Member).email.toLowerCase();
      const first = firstAt.get(email);
      if (first !== undefined) problems.push(`at [${i}]: email is the same address as at [${first}]; a list has each address once`);
      else firstAt.set(email, i);
    });
    if (problems.length > 0) return { problems };
    return { value: (value as Member[]).map(canonicalMember) };
  },
};

/** Equal as sets of members: order does not matter, fields do. */
export function sameMembers(a: readonly Member[] | undefined, b: readonly Member[] | undefined): boolean {
  const left = new Map((a ?? []).map((m) => [m.email, memberKey(m)]));
  const right = b ?? [];
  if (left.size !== right.length) return false;
  return right.every((m) => left.get(m.email) === memberKey(m));
}

/** The member's fields and variables (canonical members: variables by name). */
export function memberKey(m: Member): string {
  return JSON.stringify([fieldsKey(m), variablesKey(m)]);
}

/** What SaveReceiverDetail's Detail carries. */
export function fieldsKey(m: Member): string {
  return JSON.stringify(MEMBER_FIELDS.map((f) => m[f] ?? ""));
}

/** What its CustomDetail carries. */
export function variablesKey(m: Member): string {
  return JSON.stringify(Object.entries(m.variables ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

export function hasVariables(m: Member): boolean {
  return Object.keys(m.variables ?? {}).length > 0;
}
