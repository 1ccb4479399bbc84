import { CodeTable, region } from "../codeInfo";

/** Sending domains' codes (Create/Desc/Check/Delete/QueryDomain). */
export const DOMAIN_CODES: CodeTable = {
  "InvalidDomainName.Malformed": {
    kind: "invalid-input",
    hint: (c) => `domainName "${c.DomainName ?? ""}" is not a valid domain name (1-50 letters, digits, dots and hyphens)`,
  },
  "InvalidDomainName.Duplicate": {
    kind: "conflict",
    hint: (c) => `the domain "${c.DomainName ?? ""}" already exists in ${region(c)}; set adopt: true to take it over`,
  },
  "InvalidDomainName.Conflict": {
    kind: "conflict",
    hint: (c) => `the domain "${c.DomainName ?? ""}" (or its root domain) is used by another Alibaba Cloud account`,
  },
  "InvalidDomainName.DuplicateTLD": { kind: "conflict", hint: () => "the root domain of this domain is already configured" },
  "InvalidDomainNumber.Malformed": {
    kind: "quota",
    hint: () =>
      "the account already has the maximum number of sending domains (5 by DirectMail's FAQ); delete one or adopt an existing one",
  },
  "InvalidDomainId.NotFound": { kind: "not-found", hint: (c) => `no domain has id ${c.DomainId ?? "?"}` },
  "InvalidDomainId.Malformed": { kind: "not-found", hint: (c) => `no domain has id ${c.DomainId ?? "?"}` },
  "InvalidDomain.NotFound": { kind: "not-found", hint: (c) => `no domain has id ${c.DomainId ?? "?"}` },
  "CheckDomain.Failed": { kind: "server", hint: () => "the service could not run the domain's DNS check; it is tried again" },
  // The code for "still has sender addresses" is not documented: these are the plausible ones (docs/directmail-api.md).
  "InvalidDomain.HasMailAddress": { kind: "conflict", hint: () => "the domain still has sender addresses; delete them first" },
  "OperationDenied.DomainInUse": { kind: "conflict", hint: () => "the domain still has sender addresses; delete them first" },
};
