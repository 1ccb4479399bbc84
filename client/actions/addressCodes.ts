import { CodeTable, address, domainOf, region } from "../codeInfo";

/** Sender addresses' codes (Create/Modify/Query/DeleteMailAddress, reply verification). */
export const ADDRESS_CODES: CodeTable = {
  "InvalidMailAddressName.Malformed": {
    kind: "invalid-input",
    hint: (c) => `accountName "${address(c)}" is not a valid sender address (expected local@domain, at most 192 characters)`,
  },
  EmailFormatError: { kind: "invalid-input", hint: (c) => `"${address(c)}" is not a valid email address` },
  EmailLengthError: { kind: "invalid-input", hint: (c) => `"${address(c)}" is longer than 192 characters` },
  "InvalidMailAddressNumber.Malformed": {
    kind: "quota",
    hint: () => "the account already has the maximum number of sender addresses (10); delete one or adopt an existing one",
  },
  "InvalidMailAddressDomain.Malformed": {
    kind: "invalid-input",
    hint: (c) =>
      `the domain "${domainOf(c)}" of "${address(c)}" is not configured in DirectMail in ${region(c)}; add and verify it in the DirectMail console first`,
  },
  "InvalidMailAddressDomainStatus.Malformed": {
    kind: "invalid-input",
    hint: (c) => `the domain "${domainOf(c)}" exists in ${region(c)} but is not verified yet; finish its DNS verification first`,
  },
  "InvalidMailAddressName.Duplicate": {
    kind: "conflict",
    hint: (c) => `the sender address "${address(c)}" already exists in ${region(c)}; set adopt: true to take it over`,
  },
  "InvalidMailAddressSendType.Malformed": { kind: "invalid-input", hint: () => `sendtype must be "batch" or "trigger"` },
  "InvalidMailAddressStatus.Malformed": {
    kind: "invalid-input",
    hint: (c) => `the sender address ${address(c)} is frozen; it cannot be changed until DirectMail unfreezes it`,
  },
  "InvalidMailAddress.NotFound": { kind: "not-found", hint: (c) => `the sender address ${address(c)} does not exist` },
  "InvalidMailAddressId.Malformed": { kind: "not-found", hint: (c) => `no sender address has id ${c.MailAddressId ?? "?"}` },
  "InvalidPassword.Malformed": {
    kind: "invalid-input",
    // The service may use this code for a repeated password too (UNCONFIRMED): name the possibilities, claim none.
    hint: () =>
      "the SMTP password was refused: it breaks a rule (10-20 characters, at least 2 digits, 2 upper-case and 2 lower-case letters, " +
      "not one repeated character), or it is the current or the previous password",
  },
  "InvalidDomainPassword.equalcurrent": {
    kind: "invalid-input",
    hint: () => "the new SMTP password must differ from the current one",
  },
  "InvalidPassword.equalcurrent": {
    kind: "invalid-input",
    hint: () => "the new SMTP password must differ from the current one",
  },
  "InvalidReplyAddress.Malformed": {
    kind: "invalid-input",
    hint: (c) => `replyAddress "${c.ReplyAddress ?? ""}" is not a valid email address`,
  },
  "InvalidReplyAddress.NotSet": { kind: "invalid-input", hint: (c) => `the sender address ${address(c)} has no reply address to verify` },
  "InvalidTicket.NotFound": {
    kind: "not-found",
    hint: () => "the verification ticket is unknown or has expired (tickets last 10 minutes)",
  },
  "InvalidMailAddressDeleteLimit.Exceeded": {
    kind: "quota",
    hint: () => "the account has used its monthly quota of sender-address deletions (10); wait for next month",
  },
  Forbidden: { kind: "auth", hint: () => "the credentials have no permission on this sender address" },
};
