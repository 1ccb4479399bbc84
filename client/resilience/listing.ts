import type { DirectMailServiceError } from "../errors";
import type { LostAnswerRecovery } from "./retry";
import type { Page } from "../rpc/answers";

/** A bound on paging, whatever the server answers. */
const MAX_PAGES = 1_000;

/**
 * Every item of a paged listing. Stops on the total when there is one (a
 * missing TotalCount reads as -1), else on a short page: shorter than the size
 * asked for and than the size the answer says it used, so that a server that
 * pages by fewer than it was asked is still read past its first page. Stops
 * too on a page with nothing new, so that a server repeating pages cannot keep
 * this going; and at MAX_PAGES.
 */
export async function everyPage<T>(
  page: (pageNo: number, pageSize: number, onSend?: () => void) => Promise<Page<T>>,
  idOf: (item: T) => string,
  onSend?: () => void,
  pageSize = 50,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
    const answer = await page(pageNo, pageSize, pageNo === 1 ? onSend : undefined);
    const { items, totalCount } = answer;
    const fresh = items.filter((item) => !seen.has(idOf(item)));
    for (const item of fresh) seen.add(idOf(item));
    all.push(...fresh);
    const used = answer.pageSize > 0 ? Math.min(pageSize, answer.pageSize) : pageSize;
    const more = totalCount >= 0 ? all.length < totalCount : items.length >= used;
    if (!more || fresh.length === 0) return all;
  }
  return all;
}

/** The item with exactly this name, case-insensitive (the service stores lower case); never a substring match. */
export function byName<T>(items: readonly T[], nameOf: (item: T) => string, wanted: string): T | undefined {
  const name = wanted.toLowerCase();
  return items.find((item) => nameOf(item).toLowerCase() === name);
}

/**
 * How a create whose answer was lost is recovered: look for what the lost
 * attempt made (`find`), and repeat only when nothing is there; "already
 * exists" (`duplicateCode`, or any of several where the code is not
 * documented) after a lost answer sends it looking again.
 */
export function lookUpRecovery<T>(find: () => Promise<T | undefined>, duplicateCode: string | readonly string[]): LostAnswerRecovery<T> {
  const codes: readonly string[] = typeof duplicateCode === "string" ? [duplicateCode] : duplicateCode;
  return { kind: "look-up", find, conflict: (err: DirectMailServiceError) => codes.includes(err.code) };
}
