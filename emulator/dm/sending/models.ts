import { randomInt, randomUUID } from "node:crypto";
import { Errors } from "../../exceptions";
import type { AccountState } from "../../state/account";
import type { AddressModel, StoredAddress } from "../addresses/models";
import { usable, DomainModel } from "../domains/models";
import { checkMailboxForm } from "../mailbox";
import type { ModelOptions } from "../options";
import type { TagModel } from "../tags/models";

/** How a message reached the emulator. */
export type Channel = "smtp" | "api";

/** A message DirectMail accepted, as the emulator keeps it for tests and people to read (it is never delivered). */
export interface StoredMessage {
  readonly id: string;
  readonly region: string;
  readonly channel: Channel;
  /** The sender address (SMTP: the authenticated one, which the From must be). */
  readonly accountName: string;
  readonly fromAlias?: string;
  readonly to: readonly string[];
  readonly replyTo?: string;
  readonly subject: string;
  readonly htmlBody?: string;
  readonly textBody?: string;
  readonly tagName?: string;
  readonly clickTrace?: boolean;
  /** SingleSendMail's EnvId; SMTP's queue id. */
  readonly envId: string;
  readonly acceptedAt: string;
}

export type NewMessage = Omit<StoredMessage, "id" | "region" | "envId" | "acceptedAt">;

/** Messages kept, newest last: the oldest go first, so a busy emulator's state file stays bounded in count and size. */
export const MESSAGES_KEPT = 500;
export const MESSAGE_BYTES_KEPT = 32 * 1024 * 1024;

const sizeOf = (m: StoredMessage) => (m.htmlBody?.length ?? 0) + (m.textBody?.length ?? 0) + m.subject.length;

/** SingleSendMail's arguments, as its parameters give them. */
export interface SingleSend {
  readonly accountName: string;
  readonly addressType: number;
  /** ReplyToAddress: use the sender's verified reply address. */
  readonly useReplyAddress: boolean;
  readonly toAddress: string;
  readonly subject: string;
  readonly htmlBody?: string;
  readonly textBody?: string;
  readonly fromAlias?: string;
  readonly tagName?: string;
  readonly clickTrace?: boolean;
  readonly replyAddress?: string;
}

/** The most recipients one SingleSendMail takes (documented). */
export const MAX_RECIPIENTS = 100;
/** TagName: 1-128 letters, digits, underscores and hyphens (the SDK's description). */
const TAG_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export interface MessageFilter {
  readonly sender?: string;
  readonly tagName?: string;
  readonly channel?: Channel;
}

/**
 * Sending, shared by SingleSendMail and the SMTP side: who may send (an
 * address of the account, not frozen, on a usable domain), within its daily
 * and monthly quota, and the record of what was accepted. Synchronous, like
 * every model, so that two sends never interleave inside one.
 */
export class SendingModel {
  constructor(
    private readonly account: AccountState,
    private readonly addresses: AddressModel,
    private readonly domains: DomainModel,
    private readonly tags: TagModel,
    private readonly options: ModelOptions,
  ) {}

  /** The address that may send as `accountName`, or the refusal the service gives. */
  sender(region: string, accountName: string): StoredAddress {
    const address = this.addresses.findByName(region, accountName);
    if (address.accountStatus !== 0) throw Errors.addressFrozen();
    const domain = this.domains.byName(region, address.accountName.split("@")[1]);
    if (!domain || !usable(this.domains.domainStatus(domain))) throw Errors.domainNotVerified();
    return address;
  }

  /** The sender, found by any region's address of that name (SMTP logins name no region). */
  regionOf(accountName: string): string | undefined {
    const name = accountName.toLowerCase();
    return this.account.allRegions().find(([, state]) => state.addresses.some((a) => a.accountName === name))?.[0];
  }

  /** Checks the sender and its quota, counts the message against it and keeps it. */
  accept(region: string, message: NewMessage): StoredMessage {
    const address = this.sender(region, message.accountName);
    const cost = this.options.usageCounts === "recipients" ? message.to.length : 1;
    const usage = this.addresses.usage(address);
    if (usage.daily + cost > address.dailyCount) throw Errors.quotaExceeded("daily");
    if (usage.monthly + cost > address.monthCount) throw Errors.quotaExceeded("monthly");
    this.addresses.countUsage(address, cost);
    const stored: StoredMessage = {
      ...message,
      accountName: address.accountName,
      id: randomUUID(),
      region,
      envId: String(randomInt(100_000_000_000, 999_999_999_999)),
      acceptedAt: this.options.now().toISOString(),
    };
    this.keep(stored);
    return stored;
  }

  private keep(message: StoredMessage): void {
    const kept = this.account.messages;
    kept.push(message);
    if (kept.length > MESSAGES_KEPT) kept.splice(0, kept.length - MESSAGES_KEPT);
    let bytes = kept.reduce((n, m) => n + sizeOf(m), 0);
    // The newest always stays, however large (it is within the SMTP size limit).
    while (bytes > MESSAGE_BYTES_KEPT && kept.length > 1) bytes -= sizeOf(kept.shift() as StoredMessage);
  }

  /** SingleSendMail: its documented rules, then the sender's, then the message is accepted. */
  singleSendMail(region: string, args: SingleSend): StoredMessage {
    const to = args.toAddress.split(",").map((a) => a.trim());
    if (to.length > MAX_RECIPIENTS) throw Errors.tooManyRecipients();
    for (const address of to) checkMailboxForm(address, Errors.toAddressMalformed);
    // A line break in a header value would start a header of its own (a Bcc, say): refused, never folded.
    const breaksLine = (v: string | undefined) => v !== undefined && /[\r\n]/.test(v);
    if (args.subject.length > this.options.subjectLimit || breaksLine(args.subject)) throw Errors.subjectMalformed();
    if (args.htmlBody === undefined && args.textBody === undefined) throw Errors.bodyMissing();
    // "Shorter than 15 characters", as documented.
    if (args.fromAlias !== undefined && (args.fromAlias.length >= 15 || breaksLine(args.fromAlias))) throw Errors.fromAliasMalformed();
    if (args.tagName !== undefined && !TAG_NAME.test(args.tagName)) throw Errors.tagNameMalformed();
    // A send names a tag the account has (CreateTag first), as the send API documents for TagName.
    if (args.tagName !== undefined && !this.tags.hasName(region, args.tagName)) throw Errors.tagNameNotFound();
    if (args.replyAddress !== undefined) checkMailboxForm(args.replyAddress, Errors.replyAddressMalformed);
    const sender = this.sender(region, args.accountName);
    let replyTo = args.replyAddress;
    if (args.useReplyAddress) {
      if (!sender.replyAddress) throw Errors.replyAddressNotSet();
      if (sender.replyStatus !== 0) throw Errors.replyAddressNotVerified();
      replyTo ??= sender.replyAddress;
    }
    return this.accept(region, {
      channel: "api",
      accountName: args.accountName,
      fromAlias: args.fromAlias,
      to,
      replyTo,
      subject: args.subject,
      htmlBody: args.htmlBody,
      textBody: args.textBody,
      tagName: args.tagName,
      clickTrace: args.clickTrace,
    });
  }

  /** Oldest first. */
  messages(filter: MessageFilter = {}): StoredMessage[] {
    const sender = filter.sender?.toLowerCase();
    return this.account.messages.filter(
      (m) =>
        (!sender || m.accountName === sender) &&
        (filter.tagName === undefined || m.tagName === filter.tagName) &&
        (!filter.channel || m.channel === filter.channel),
    );
  }

  message(id: string): StoredMessage | undefined {
    return this.account.messages.find((m) => m.id === id);
  }

  clear(): number {
    const count = this.account.messages.length;
    this.account.messages = [];
    return count;
  }
}
