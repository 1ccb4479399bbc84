import { asObject, asString } from "../rpc/answers";

/** Mail tags as QueryTagByParam answers them. */

export interface TagRecord {
  /** A number on the wire in some samples, a string in others: always a string here. */
  readonly tagId: string;
  readonly tagName: string;
  /** "" when the tag has none (older answers have no such field). */
  readonly tagDescription: string;
}

export function toTagRecord(raw: unknown): TagRecord {
  const o = asObject(raw);
  return { tagId: asString(o.TagId), tagName: asString(o.TagName), tagDescription: asString(o.TagDescription) };
}
