/** One handled request, for tests that assert what reached the service. */
export interface RequestRecord {
  readonly action: string;
  readonly region: string;
  readonly status: number;
  readonly code?: string;
  readonly signatureVersion: "1.0" | "ACS3";
}

/** Requests counted by action, and how many were throttled: what the benchmarks and the efficiency test report. */
export interface RequestTally {
  readonly total: number;
  readonly byAction: Record<string, number>;
  readonly throttled: number;
}

export function tallyRequests(records: readonly RequestRecord[]): RequestTally {
  const byAction: Record<string, number> = {};
  for (const r of records) byAction[r.action] = (byAction[r.action] ?? 0) + 1;
  return { total: records.length, byAction, throttled: records.filter((r) => r.code?.startsWith("Throttling")).length };
}

/** Requests kept for tests to read: the most recent ones. */
const REQUESTS_KEPT = 10_000;

/** Appends a record, trimming in bulk so that a busy emulator neither grows without bound nor copies on every request. */
export function keepRecord(records: RequestRecord[], record: RequestRecord): void {
  records.push(record);
  if (records.length > 2 * REQUESTS_KEPT) records.splice(0, records.length - REQUESTS_KEPT);
}
