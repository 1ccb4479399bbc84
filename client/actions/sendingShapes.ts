/** What SingleSendMail takes and answers, in the client's terms. */

export interface SingleSendMailArgs {
  /** The sender address (one of the account's). */
  readonly accountName: string;
  /** Comma-separated recipients, at most 100; or a list. */
  readonly toAddress: string | readonly string[];
  readonly subject: string;
  readonly htmlBody?: string;
  readonly textBody?: string;
  /** Shown as the sender's name; fewer than 15 characters. */
  readonly fromAlias?: string;
  /** A tag the account has. */
  readonly tagName?: string;
  /** Use the sender's verified reply address as Reply-To. Default false. */
  readonly replyToAddress?: boolean;
  /** As documented: 0 a random account, 1 the sender address. Default 1. */
  readonly addressType?: 0 | 1;
  readonly clickTrace?: boolean;
}

export interface SentMail {
  /** The service's id of the send (EnvId). */
  readonly envId: string;
}
