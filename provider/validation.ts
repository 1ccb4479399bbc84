import { isRegion, REGIONS } from "../client/endpoints";
import { SENDTYPES } from "../client/types";

/**
 * Rules that can be checked without calling DirectMail, as documented by the
 * service (shared/docs/directmail-api.md). They run in the provider's `check`,
 * so bad input fails at preview, before any API call. Messages name the
 * property and the rule, and never repeat a password.
 */

export interface Failure {
  readonly property: string;
  readonly reason: string;
}

/** What the engine sends for a value not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isKnown(value: unknown): boolean {
  return value !== UNKNOWN;
}

const MAX_ADDRESS = 192;

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
  if (value.length > 512) return "must be at most 512 characters";
  return undefined;
}

/**
 * The region to record: the declared one, else the configured default, which
 * must be a DirectMail region too. Fixed at check time, so that a later change
 * of `directmail:region` shows as a replacement instead of acting silently.
 */
export function regionOrDefault(declared: string | undefined, fallback: string): { region: string } | { failure: Failure } {
  const region = declared || fallback;
  if (isKnown(region) && !isRegion(region)) {
    return {
      failure: {
        property: "region",
        reason: `region "${region}" (from directmail:region) is not a DirectMail region; use one of ${REGIONS.join(", ")}`,
      },
    };
  }
  return { region };
}

/** Collects failures property by property; values not known yet are skipped. */
export class Checker {
  readonly failures: Failure[] = [];
  private readonly inputs: Record<string, unknown>;

  constructor(inputs: object) {
    this.inputs = inputs as Record<string, unknown>;
  }

  /**
   * The reason always starts with the property's name. For a secret input the
   * failure is filed against no property: given a property, the engine prints
   * its value beside the reason, and it does so even for secrets.
   */
  private fail(property: string, reason: string, secret = false): void {
    this.failures.push({ property: secret ? "" : property, reason: `${property} ${reason}` });
  }

  /** The value when it is present and known; undefined otherwise. */
  private value(property: string): unknown {
    const v = this.inputs[property];
    return isKnown(v) ? v : undefined;
  }

  private string(property: string, required: boolean): string | undefined {
    const v = this.inputs[property];
    if (!isKnown(v)) return undefined;
    if (v === undefined || v === null || v === "") {
      if (required) this.fail(property, "is required");
      return undefined;
    }
    if (typeof v !== "string") {
      this.fail(property, `must be a string, not ${typeof v}`);
      return undefined;
    }
    return v;
  }

  address(property: string, required: boolean): void {
    const v = this.string(property, required);
    const problem = v === undefined ? undefined : addressProblem(v);
    if (problem) this.fail(property, `"${v}" ${problem}`);
  }

  oneOf(property: string, allowed: readonly string[], required: boolean): void {
    const v = this.string(property, required);
    if (v !== undefined && !allowed.includes(v)) this.fail(property, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, not "${v}"`);
  }

  sendtype(property: string): void {
    this.oneOf(property, SENDTYPES, true);
  }

  region(property: string): void {
    const v = this.string(property, false);
    if (v !== undefined && !isRegion(v)) this.fail(property, `"${v}" is not a DirectMail region; use one of ${REGIONS.join(", ")}`);
  }

  password(property: string): void {
    const v = this.string(property, false);
    if (v === undefined) return;
    for (const problem of passwordProblems(v)) this.fail(property, problem, true);
  }

  url(property: string, required: boolean): void {
    const v = this.string(property, required);
    const problem = v === undefined ? undefined : urlProblem(v);
    if (problem) this.fail(property, problem);
  }

  boolean(property: string): void {
    const v = this.value(property);
    if (v !== undefined && typeof v !== "boolean") this.fail(property, `must be true or false, not ${JSON.stringify(v)}`);
  }

  /** A rule that ties two properties together. */
  requires(property: string, other: string, why: string): void {
    if (this.value(property) === true && isKnown(this.inputs[other]) && !this.inputs[other]) this.fail(property, why);
  }
}
