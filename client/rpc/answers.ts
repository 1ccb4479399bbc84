/**
 * Reading DirectMail's answers. The wire is inconsistent about types (old
 * samples send numbers, new metadata says strings), so every value is
 * normalised through these and nowhere else; each area's shapes are in its
 * own module under actions/.
 */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function asString(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value);
}

/** Numbers may arrive as numbers or numeric strings; anything else is -1, which the service uses for "not set". */
export function asNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return -1;
}

export interface Page<T> {
  readonly totalCount: number;
  readonly pageNumber: number;
  readonly pageSize: number;
  readonly items: readonly T[];
}

/** `{TotalCount, PageNumber, PageSize, data: {<listKey>: [...]}}`: note the lowercase wrapper. */
export function toPage<T>(body: JsonObject, listKey: string, convert: (raw: unknown) => T): Page<T> {
  const list = asObject(body.data)[listKey];
  return {
    totalCount: asNumber(body.TotalCount),
    pageNumber: asNumber(body.PageNumber),
    pageSize: asNumber(body.PageSize),
    items: Array.isArray(list) ? list.map(convert) : [],
  };
}
