import { randomBytes } from "node:crypto";
import { Errors } from "../../exceptions";
import type { AccountState } from "../../state/account";
import type { AddressModel } from "../addresses/models";
import type { ModelOptions } from "../options";

export interface ReplyTicket {
  ticket: string;
  region: string;
  mailAddressId: number;
  replyAddress: string;
  expiresAt: number;
}

/** A verification mail the emulator "sent": what tests and demos read instead of a mailbox. */
export interface SentVerificationMail {
  readonly to: string;
  readonly ticket: string;
  readonly mailAddressId: number;
  readonly accountName: string;
  readonly region: string;
  readonly lang: string;
  readonly sentAt: string;
}

/** Verification mails kept for tests and demos to read: the most recent ones. */
const SENT_MAIL_KEPT = 1_000;

/** An address's tickets prove nothing once it is gone or its reply address changed. */
export function forgetTickets(account: AccountState, region: string, mailAddressId: number): void {
  account.tickets = account.tickets.filter((t) => !(t.region === region && t.mailAddressId === mailAddressId));
}

/** Reply-address verification: CheckReplyToMailAddress sends the mail, ApproveReplyMailAddress takes its ticket. */
export class ReplyVerificationModel {
  /** Kept in memory only: the mails of this process, not of the account. */
  readonly sentMail: SentVerificationMail[] = [];

  constructor(
    private readonly account: AccountState,
    private readonly addresses: AddressModel,
    private readonly options: ModelOptions,
  ) {}

  checkReplyToMailAddress(region: string, args: { id: number; lang?: string }): SentVerificationMail {
    const address = this.addresses.find(region, args.id);
    if (address.accountStatus !== 0) throw Errors.addressFrozen();
    if (!address.replyAddress) throw Errors.replyAddressNotSet();
    const ticket = randomBytes(16).toString("hex");
    // Expired tickets can never be used again: dropping them keeps the list (and the state file) bounded.
    const now = this.options.now().getTime();
    this.account.tickets = this.account.tickets.filter((t) => t.expiresAt > now);
    this.account.tickets.push({
      ticket,
      region,
      mailAddressId: address.id,
      replyAddress: address.replyAddress,
      expiresAt: this.options.now().getTime() + this.options.ticketTtlMs,
    });
    const mail: SentVerificationMail = {
      to: address.replyAddress,
      ticket,
      mailAddressId: address.id,
      accountName: address.accountName,
      region,
      lang: args.lang === "en" ? "en" : "zh",
      sentAt: this.options.now().toISOString(),
    };
    this.sentMail.push(mail);
    if (this.sentMail.length > SENT_MAIL_KEPT) this.sentMail.splice(0, this.sentMail.length - SENT_MAIL_KEPT);
    return mail;
  }

  /** Tickets are global (the link in the mail carries no region), so this takes none. */
  approveReplyMailAddress(ticket: string): void {
    const now = this.options.now().getTime();
    const found = this.account.tickets.find((t) => t.ticket === ticket && t.expiresAt > now);
    if (!found) throw Errors.ticketNotFound();
    const address = this.account.region(found.region).addresses.find((a) => a.id === found.mailAddressId);
    // A ticket for a reply address that has since changed proves nothing about the new one.
    if (!address || address.replyAddress !== found.replyAddress) throw Errors.ticketNotFound();
    address.replyStatus = 0;
    this.account.tickets = this.account.tickets.filter((t) => t !== found);
  }
}
