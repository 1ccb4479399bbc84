/**
 * DirectMail's rules that can be checked without calling it (docs/directmail-api.md).
 * The property types (propertyTypes.ts) apply them in the provider's `check`,
 * so bad input fails at preview, before any API call.
 */

import { passwordProblems } from "../../client/actions/passwordRules";

export { passwordProblems };

/**
 * This package's own rule, beside DirectMail's documented ones: printable ASCII
 * only (space to `~`). DirectMail documents no rule about other characters
 * (docs/directmail-api.md), and SMTP clients encode them differently in AUTH,
 * so a password such as `Ab12Cd34éü` that Pulumi set might never log in.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Every rule an SMTP password breaks, DirectMail's and this package's; empty when it keeps them all. */
export function smtpPasswordProblems(password: string): string[] {
  const problems = passwordProblems(password);
  if (!PRINTABLE_ASCII.test(password)) {
    problems.push(
      "must be printable ASCII only (letters, digits, space and the symbols on a US keyboard), so that every SMTP client sends it the same way",
    );
  }
  return problems;
}

/** What the engine sends for a value not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isKnown(value: unknown): boolean {
  return value !== UNKNOWN;
}

export const MAX_ADDRESS = 192;
export const MAX_URL = 512;

export const MAX_LOCAL_PART = 64;
/** CreateDomain's documented limit. */
export const MAX_DOMAIN_NAME = 50;
const MAX_DKIM_SELECTOR = 60;
/** Two days: DNS changes "can take up to 48 hours". */
export const MAX_VERIFICATION_MINUTES = 2_880;
const LOCAL_CHARACTER = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The form an address must have. DirectMail documents the 192-character total;
 * the rest is this package's choice, from RFC 5321/5322 (docs/directmail-api.md):
 * a dot-atom local part of at most 64 characters (letters, digits and
 * !#$%&'*+/=?^_`{|}~-, dots only between them), and a domain of at least two
 * labels of letters, digits and inner hyphens.
 */
export function addressProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > MAX_ADDRESS) return `must be at most ${MAX_ADDRESS} characters (it has ${value.length})`;
  if (/\s/.test(value)) return "must not contain spaces";
  const parts = value.split("@");
  if (parts.length !== 2) return "must contain exactly one @ (local@domain)";
  const [local, domain] = parts;
  if (!local) return "must have a part before the @";
  if (local.length > MAX_LOCAL_PART) return `must have at most ${MAX_LOCAL_PART} characters before the @ (it has ${local.length})`;
  const bad = [...local].find((c) => !LOCAL_CHARACTER.test(c));
  if (bad !== undefined) return `must not have ${JSON.stringify(bad)} before the @ (allowed: letters, digits, . and !#$%&'*+/=?^_\`{|}~-)`;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return "must not start or end the part before the @ with a dot, nor have two dots in a row";
  }
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) {
    return `has an invalid domain "${domain}" (expected for example mail.example.com: labels of letters, digits and inner hyphens)`;
  }
  return undefined;
}

export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL such as https://hooks.example.com/directmail";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `must use http or https, not ${url.protocol.replace(":", "")}`;
  if (value.length > MAX_URL) return `must be at most ${MAX_URL} characters`;
  return undefined;
}

/** CreateDomain's rule: 1-50 letters, digits, dots and hyphens; and, as any domain, labels that DNS accepts. */
export function domainNameProblem(value: string): string | undefined {
  if (value.length > MAX_DOMAIN_NAME) return `must be at most ${MAX_DOMAIN_NAME} characters (it has ${value.length})`;
  if (/[^A-Za-z0-9.-]/.test(value)) return "may hold only letters, digits, dots and hyphens";
  const labels = value.split(".");
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) {
    return "is not a domain name (expected for example mail.example.com: two or more labels of letters, digits and inner hyphens)";
  }
  return undefined;
}

/** A DNS record's name in full, as a DNS provider reports it: dotted labels of letters, digits, `_` and inner hyphens, at most 253 characters, a trailing dot allowed. */
export function hostNameProblem(value: string): string | undefined {
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return `must be 1-253 characters (it has ${name.length})`;
  if (!name.split(".").every((l) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l))) {
    return "is not a DNS name (expected for example aliyundm.mail.example.com: dotted labels of letters, digits, _ and inner hyphens)";
  }
  return undefined;
}

/** CreateDomain's documented dkimSelector rule: at most 60 characters, no leading or trailing hyphen, no punctuation. */
export function dkimSelectorProblem(value: string): string | undefined {
  if (value.length > MAX_DKIM_SELECTOR) return `must be at most ${MAX_DKIM_SELECTOR} characters (it has ${value.length})`;
  if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(value)) return "may hold only letters, digits and inner hyphens";
  return undefined;
}

/**
 * CreateTag's rule as the SDK and the newest pages give it (2026): 1-128
 * letters, digits and underscores. Older pages say 1-50, and one of them no
 * underscores; the service's own refusal then names the cause (docs/resources/MailTag.md).
 */
export const MAX_TAG_NAME = 128;

export function tagNameProblem(value: string): string | undefined {
  if (value.length > MAX_TAG_NAME) return `must be at most ${MAX_TAG_NAME} characters (it has ${value.length})`;
  const bad = [...value].find((c) => !/[A-Za-z0-9_]/.test(c));
  if (bad !== undefined) return `must hold only letters, digits and underscores, not ${JSON.stringify(bad)}`;
  return undefined;
}
