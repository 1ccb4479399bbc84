import { ApiError, Errors } from "../exceptions";

/**
 * Mailbox and domain-name forms, shared by the areas that take them (sender
 * and reply addresses, notify URLs' MailFrom, domains). DirectMail documents
 * only the 192-character total; the rest is the emulator's choice, from RFC
 * 5321/5322 (docs/directmail-api.md): a dot-atom local part of at most 64
 * characters, and a domain of at least two labels of letters, digits and inner
 * hyphens. Written apart from the provider's own check on purpose.
 */

const MAX_ADDRESS_LENGTH = 192;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function isMailbox(value: string): boolean {
  const at = value.indexOf("@");
  if (at <= 0 || at !== value.lastIndexOf("@")) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split(".");
  return local.length <= 64 && LOCAL_PART.test(local) && labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l));
}

/** Too long is its own error; any other flaw is `error`. */
export function checkMailboxForm(value: string, error: () => ApiError): void {
  if (value.length > MAX_ADDRESS_LENGTH) throw Errors.addressTooLong();
  if (!isMailbox(value)) throw error();
}

/** CreateDomain's rule: 1-50 letters, digits, dots and hyphens; the emulator also wants two labels or more. */
export function isDomainName(name: string): boolean {
  const labels = name.split(".");
  return name.length <= 50 && labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l));
}

/** Whether a value has the mailbox form, at most 192 characters (recipient lists' aliases and members). */
export function isMailAddress(value: string): boolean {
  return value.length <= MAX_ADDRESS_LENGTH && isMailbox(value);
}
