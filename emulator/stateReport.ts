import { PURPOSES, REQUIRED_PURPOSES, StoredDomain } from "./dm/domains/records";
import type { PersistedState } from "./state/account";

/**
 * What the command's `list` shows of a state file: the account in words, so
 * that a person can see what an emulator holds (and approve a reply address)
 * without reading the file.
 */

export const LISTS = ["addresses", "domains", "tickets"] as const;
export type ListName = (typeof LISTS)[number];

const regionsOf = (state: PersistedState, region: string | undefined) =>
  Object.entries(state.regions)
    .filter(([name]) => region === undefined || name === region)
    .sort(([a], [b]) => a.localeCompare(b));

function addresses(state: PersistedState, region: string | undefined): string[] {
  return regionsOf(state, region).flatMap(([name, r]) =>
    r.addresses.map((a) => {
      const reply = a.replyAddress
        ? `reply address ${a.replyAddress} (${a.replyStatus === 0 ? "verified" : "not verified"})`
        : "no reply address";
      const notify = r.notifyUrls[a.accountName];
      const parts = [
        `${name}  ${a.accountName}  id ${a.id}  ${a.sendtype}`,
        reply,
        a.accountStatus === 0 ? "" : "frozen",
        notify?.url ? `notify URL ${notify.url}` : "",
      ];
      return parts.filter(Boolean).join(", ");
    }),
  );
}

function domainStatus(d: StoredDomain): string {
  const passed = d.passed ?? [];
  if (REQUIRED_PURPOSES.every((p) => passed.includes(p))) return `verified (checks passed: ${passed.join(", ")})`;
  const published = d.published.length ? d.published.join(", ") : "nothing";
  const checked = d.passed === null ? "never checked" : `last check passed: ${passed.length ? passed.join(", ") : "nothing"}`;
  return `not verified: published ${published}; ${checked}; needs ${REQUIRED_PURPOSES.join(", ")} (of ${PURPOSES.join(", ")})`;
}

function domains(state: PersistedState, region: string | undefined): string[] {
  return regionsOf(state, region).flatMap(([name, r]) => r.domains.map((d) => `${name}  ${d.domainName}  id ${d.id}  ${domainStatus(d)}`));
}

/** The verification mails whose ticket still works: what each mail carried, and what to do with it. */
function tickets(state: PersistedState, region: string | undefined, now: Date): string[] {
  return state.tickets
    .filter((t) => (region === undefined || t.region === region) && t.expiresAt > now.getTime())
    .map((t) => {
      const sender = state.regions[t.region]?.addresses.find((a) => a.id === t.mailAddressId)?.accountName ?? `id ${t.mailAddressId}`;
      const minutes = Math.max(1, Math.ceil((t.expiresAt - now.getTime()) / 60_000));
      return (
        `${t.region}  verification mail to ${t.replyAddress} for sender ${sender}: ticket ${t.ticket}, ` +
        `valid ${minutes} more minute${minutes === 1 ? "" : "s"} (approve with replyVerificationTicket on the MailAddress, or approveReplyAddress)`
      );
    });
}

const NONE: Readonly<Record<ListName, string>> = {
  addresses: "no sender addresses",
  domains: "no sending domains",
  tickets: "no pending reply verifications (a ticket is valid 10 minutes after its mail is sent)",
};

/** One line per object; a line saying there are none when the list is empty. */
export function listState(state: PersistedState, list: ListName, region?: string, now = new Date()): string[] {
  const lines = list === "addresses" ? addresses(state, region) : list === "domains" ? domains(state, region) : tickets(state, region, now);
  return lines.length ? lines : [`${NONE[list]}${region ? ` in ${region}` : ""}`];
}
