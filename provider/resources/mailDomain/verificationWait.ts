import { setTimeout as sleep } from "node:timers/promises";
import type { DirectMailClient } from "../../../client/client";
import type { DomainDetail } from "../../../client/types";
import { checksOf, DnsRecord, dnsRecordsOf, isUsable } from "./state";

/**
 * The wait until DirectMail has verified a domain, shared by
 * MailDomainVerification and MailDomain's `waitForVerification`: CheckDomain,
 * then DescDomain, paced to CheckDomain's limit, saying what it waits for as
 * it goes and, when the time is up, every record to publish.
 */

export const DEFAULT_WAIT_MINUTES = 30;
/** CheckDomain allows 10 calls a minute per account: one every 6 s at most, and less often as the wait goes on. */
const FIRST_CHECK_INTERVAL_MS = 6_000;
const LONGEST_CHECK_INTERVAL_MS = 60_000;
/** A report at least this often while nothing changes, so that a long wait still shows it is alive. */
const QUIET_REPORT_MS = 60_000;

export interface WaitOptions {
  readonly minutes: number;
  /** Where progress goes (the engine's output, in the provider process). */
  readonly report: (message: string) => Promise<void> | void;
  /** How the wait sleeps; tests may shorten it. */
  readonly pause?: (ms: number) => Promise<unknown>;
  /** The clock the deadline is kept by; tests may move it with their pause. */
  readonly now?: () => number;
  /** Added to the timeout's message: what the caller knows about why (for example, the deadlock of waitForVerification). */
  readonly hint?: string;
}

function passed(detail: DomainDetail, record: DnsRecord): boolean {
  const checks = checksOf(detail);
  const name = record.purpose === "tracking" ? "trackingCname" : record.purpose;
  return checks[name] === "passed";
}

function failingPurposes(detail: DomainDetail): string {
  return dnsRecordsOf(detail)
    .filter((r) => !passed(detail, r))
    .map((r) => r.purpose)
    .join(",");
}

/** One record as a person types it at a DNS provider: type, full name, value (MX with its priority). */
export function recordLine(record: DnsRecord): string {
  const value = record.type === "MX" ? `${record.priority ?? 10} ${record.value}` : record.value;
  return `${record.type} ${record.fqdn} = ${value}`;
}

/**
 * DirectMail reports no ownership status of its own: the TXT record is known to
 * pass only once the domain is usable. Until then it is "not confirmed", never
 * "missing", so that a person who published it is not told to publish it again.
 */
const UNCONFIRMED_OWNERSHIP = "confirmed only when the domain verifies";

function isOwnership(record: DnsRecord): boolean {
  return record.purpose === "ownership";
}

/** `1m05s`. */
function elapsedText(ms: number): string {
  const elapsed = Math.floor(ms / 1000);
  return `${Math.floor(elapsed / 60)}m${String(elapsed % 60).padStart(2, "0")}s`;
}

/** `waiting for DNS: ... (2 of 5 reported checks pass)`: the records not verified yet, required first. */
export function pendingMessage(domainName: string, detail: DomainDetail, elapsedMs: number, minutes: number): string {
  const records = dnsRecordsOf(detail);
  const failing = records.filter((r) => !passed(detail, r));
  const ordered = [...failing.filter((r) => r.required), ...failing.filter((r) => !r.required)];
  const lines = ordered.map(
    (r) => `${recordLine(r)} (${r.purpose}${isOwnership(r) ? `, ${UNCONFIRMED_OWNERSHIP}` : r.required ? "" : ", optional"})`,
  );
  const when = `${elapsedText(elapsedMs)} of ${minutes}m`;
  const reported = records.filter((r) => !isOwnership(r));
  const count = `${reported.filter((r) => passed(detail, r)).length} of ${reported.length} reported checks pass`;
  return lines.length > 0
    ? `waiting for DNS of ${domainName} (${count}, ${when}): ${lines.join("; ")}`
    : `waiting for DirectMail to report ${domainName} usable (${count}, ${when})`;
}

/** The domain was not verified in time: which checks still fail, and every record, in full, to publish. */
export class VerificationTimeoutError extends Error {
  constructor(domainName: string, minutes: number, detail: DomainDetail, hint?: string) {
    const records = dnsRecordsOf(detail);
    const failing = (required: boolean) =>
      records
        .filter((r) => r.required === required && !isOwnership(r) && !passed(detail, r))
        .map((r) => r.purpose)
        .join(", ");
    const required = failing(true);
    const optional = failing(false);
    const result = (r: DnsRecord): string => (passed(detail, r) ? "passes" : isOwnership(r) ? "not confirmed" : "fails");
    const lines = records.map((r) => `  ${recordLine(r)}   (${r.purpose}, ${r.required ? "required" : "optional"}, ${result(r)})`);
    super(
      `domain ${domainName} was not verified within ${minutes} minute${minutes === 1 ? "" : "s"}: ` +
        `${required ? `the required checks ${required} still fail` : "the reported required checks (spf, mx) pass, but DirectMail does not report it usable: check the ownership record"}` +
        ` (ownership is ${UNCONFIRMED_OWNERSHIP})` +
        `${optional ? `; optional ones failing: ${optional}` : ""}. ` +
        `Publish these DNS records (type, name, value) and run \`pulumi up\` again; DNS changes can take up to 48 hours:\n` +
        `${lines.join("\n")}` +
        `${hint ? `\n${hint}` : ""}`,
    );
  }
}

/** CheckDomain, then DescDomain, until the domain is usable or the time is up; reports what it waits for as it goes. */
export async function waitUntilVerified(client: DirectMailClient, first: DomainDetail, options: WaitOptions): Promise<DomainDetail> {
  const pause = options.pause ?? sleep;
  const clock = options.now ?? Date.now;
  const started = clock();
  const deadline = started + options.minutes * 60_000;
  let detail = first;
  let interval = FIRST_CHECK_INTERVAL_MS;
  let lastReport: { readonly at: number; readonly failing: string } | undefined;
  for (;;) {
    if (isUsable(detail.domainStatus)) return detail;
    await client.checkDomain(detail.domainId);
    detail = await client.describeDomain(detail.domainId);
    if (isUsable(detail.domainStatus)) {
      // The row keeps the last line it was given: after a "waiting" line, say how the wait ended.
      const state = detail.domainStatus === 0 ? "verified" : "usable (some optional checks fail)";
      if (lastReport) await options.report(`${detail.domainName} ${state} (${elapsedText(clock() - started)} of waiting)`);
      return detail;
    }
    // Said when what is missing changes, and at least once a minute while it does not.
    const now = clock();
    const failing = failingPurposes(detail);
    if (!lastReport || lastReport.failing !== failing || now - lastReport.at >= QUIET_REPORT_MS) {
      await options.report(pendingMessage(detail.domainName, detail, now - started, options.minutes));
      lastReport = { at: now, failing };
    }
    // The last pause is cut to the deadline and a last check made there: the time asked for is the time waited.
    if (now >= deadline) throw new VerificationTimeoutError(detail.domainName, options.minutes, detail, options.hint);
    await pause(Math.min(interval, deadline - now));
    interval = Math.min(LONGEST_CHECK_INTERVAL_MS, Math.round(interval * 1.5));
  }
}
