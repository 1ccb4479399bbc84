/**
 * DirectMail's rules that can be checked without calling it (docs/directmail-api.md).
 * The property types (propertyTypes.ts) apply them in the provider's `check`,
 * so bad input fails at preview, before any API call.
 */

/** What the engine sends for a value not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isKnown(value: unknown): boolean {
  return value !== UNKNOWN;
}

export const MAX_ADDRESS = 192;
export const MAX_URL = 512;

/** The form DirectMail accepts for an address: one @, non-empty local part, a dotted domain, no spaces. */
export function addressProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > MAX_ADDRESS) return `must be at most ${MAX_ADDRESS} characters (it has ${value.length})`;
  if (/\s/.test(value)) return "must not contain spaces";
  const parts = value.split("@");
  if (parts.length !== 2) return "must contain exactly one @ (local@domain)";
  const [local, domain] = parts;
  if (!local) return "must have a part before the @";
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain)) return `has an invalid domain "${domain}" (expected for example mail.example.com)`;
  return undefined;
}

/** DirectMail's SMTP password rules, one reason per rule broken. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 10 || password.length > 20) problems.push(`must be 10 to 20 characters long (it has ${password.length})`);
  const count = (re: RegExp) => (password.match(re) ?? []).length;
  if (count(/[0-9]/g) < 2) problems.push("must contain at least 2 digits");
  if (count(/[A-Z]/g) < 2) problems.push("must contain at least 2 upper-case letters");
  if (count(/[a-z]/g) < 2) problems.push("must contain at least 2 lower-case letters");
  if (password.length > 0 && new Set(password).size === 1) problems.push("must not be one repeated character");
  return problems;
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
