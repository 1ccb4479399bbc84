/** What the DirectMail models are told at start, and the small things every area shares. */

export interface DomainConfig {
  readonly name: string;
  readonly verified: boolean;
}

export interface ModelOptions {
  /** Domains every region starts with: verified ones as if set up long ago, unverified ones as just created. */
  readonly domains: readonly DomainConfig[];
  /** Sending domains per account, the configured ones included; DirectMail's FAQ says 5. */
  readonly domainLimit: number;
  /** Whether a usable domain can show the extra statuses 2-4 (UNCONFIRMED: older pages list them). */
  readonly extendedDomainStatuses: boolean;
  /** Sender addresses per account and region; DirectMail allows 10. */
  readonly addressLimit: number;
  /** Deletions per calendar month; DirectMail allows 10. 0 turns the check off. */
  readonly monthlyDeleteLimit: number;
  /** How long a reply-address verification ticket is valid; DirectMail says 10 minutes. */
  readonly ticketTtlMs: number;
  /** Recipient lists per account (all regions); DirectMail allows 10. */
  readonly receiverLimit: number;
  /** Members per list; DirectMail allows 10,000. */
  readonly membersPerList: number;
  /** Members per SaveReceiverDetail call; DirectMail allows 500. */
  readonly membersPerSave: number;
  /** What a sent mail adds to the sender's DailyReqCount/MonthReqCount (the dialect's `usageCounts`). */
  readonly usageCounts: "recipients" | "requests";
  /** The longest Subject SingleSendMail takes (the dialect's `subjectLimit`). */
  readonly subjectLimit: number;
  readonly now: () => Date;
  readonly tags: TagOptions;
}

/** The mail tags' limit and rules; where the sources disagree, as the dialect says. */
export interface TagOptions {
  /** Tags per account and region; a 2024 page says 10. */
  readonly limit: number;
  readonly names: "128" | "50" | "50-no-underscore";
  readonly duplicates: "refused" | "allowed";
  readonly modifyWithoutDescription: "kept" | "cleared";
}

/** Creation times as the service shows them: to the minute. */
export function minuteTime(date: Date): string {
  return date.toISOString().slice(0, 16) + "Z";
}
