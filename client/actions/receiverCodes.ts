import { CodeTable, region } from "../codeInfo";

/**
 * Recipient lists' and members' codes. InvalidReceiverName.Malformed is
 * documented for bad names, aliases and member emails alike; the not-found,
 * duplicate and limit codes are UNCONFIRMED (the plausible ones are listed).
 */
export const RECEIVER_CODES: CodeTable = {
  "InvalidReceiverName.Malformed": {
    kind: "invalid-input",
    hint: (c) =>
      c.ReceiversName !== undefined
        ? `the list "${c.ReceiversName}" was refused: receiversName must be 1-30 characters and unused in the account, receiversAlias an email address under 30 characters`
        : "the recipient list or a member's email address was refused as malformed",
  },
  "InvalidReceiverStatus.Malformed": {
    kind: "invalid-input",
    hint: () => "the recipient list's status does not allow this now (DirectMail says: check whether members are still uploading)",
  },
  "InvalidReceiverName.Duplicate": {
    kind: "conflict",
    hint: (c) =>
      `a recipient list named "${c.ReceiversName ?? "?"}" already exists in the account (${region(c)}); set adopt: true to take it over`,
  },
  "InvalidReceiver.NotFound": { kind: "not-found", hint: (c) => `no recipient list has id ${c.ReceiverId ?? "?"}` },
  "InvalidReceiverId.Malformed": { kind: "not-found", hint: (c) => `no recipient list has id ${c.ReceiverId ?? "?"}` },
  "InvalidReceiverNumber.Malformed": {
    kind: "quota",
    hint: () => "the account already has the maximum number of recipient lists (10); delete one or adopt an existing one",
  },
  "InvalidReceiverDetailNumber.Malformed": {
    kind: "quota",
    hint: (c) => `the recipient list ${c.ReceiverId ?? "?"} is full (10,000 members) or the call had more than 500`,
  },
  "InvalidReceiverDetail.NotFound": { kind: "not-found", hint: () => "the member is not in the list" },
  "InvalidEmail.NotFound": { kind: "not-found", hint: () => "the member is not in the list" },
};
