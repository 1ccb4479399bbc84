import { isRegion, REGIONS } from "../../client/rpc/endpoints";
import type { PropertyType } from "./schema";
import {
  addressProblem,
  dkimSelectorProblem,
  domainNameProblem,
  hostNameProblem,
  isKnown,
  MAX_ADDRESS,
  MAX_DOMAIN_NAME,
  MAX_LOCAL_PART,
  MAX_URL,
  MAX_TAG_NAME,
  MAX_VERIFICATION_MINUTES,
  smtpPasswordProblems,
  tagNameProblem,
  urlProblem,
} from "./validation";

/**
 * The property types the schemas use. Each carries its own rule, so `check`
 * and the docs say the same thing.
 */

const absentString = (v: unknown): boolean => v === undefined || v === null || v === "";

function stringType<T extends string>(
  label: string,
  rule: string,
  problems: (v: string, shown: string) => readonly string[],
): PropertyType<T> {
  return {
    label,
    rule,
    isAbsent: absentString,
    parse(value, shown) {
      if (typeof value !== "string") return { problems: [`must be a string, not ${typeof value}`] };
      const found = problems(value, shown);
      return found.length > 0 ? { problems: found } : { value: value as T };
    },
  };
}

const none = (): readonly string[] => [];
const one = (problem: string | undefined): readonly string[] => (problem ? [problem] : []);

export const text = stringType<string>("string", "", none);

export const emailAddress = stringType<string>(
  "string",
  `an email address: \`local@domain\`, at most ${MAX_ADDRESS} characters, at most ${MAX_LOCAL_PART} before the \`@\` (letters, digits, \`.\` and \`!#$%&'*+/=?^_{|}~-\`, dots only between them), a dotted domain of letters, digits and inner hyphens`,
  (v, shown) => one(addressProblem(v)).map((p) => `${shown} ${p}`),
);

export const httpUrl = stringType<string>("string", `an absolute \`http\`/\`https\` URL, at most ${MAX_URL} characters`, (v) =>
  one(urlProblem(v)),
);

export const smtpPassword = stringType<string>(
  "string",
  "10-20 printable ASCII characters, at least 2 digits, 2 upper-case and 2 lower-case letters, not one repeated character (ASCII is this package's rule: SMTP clients encode other characters differently)",
  (v) => smtpPasswordProblems(v),
);

/** Typed as any string, so a program can pass config; `check` holds it to the list. */
export const region = stringType<string>("string", `one of ${REGIONS.map((r) => `\`${r}\``).join(", ")}`, (v, shown) =>
  isRegion(v) ? [] : [`${shown} is not a DirectMail region; use one of ${REGIONS.join(", ")}`],
);

export function oneOf<const T extends string>(values: readonly T[]): PropertyType<T> {
  return stringType<T>(values.map((v) => `\`"${v}"\``).join(" \\| "), "", (v) =>
    (values as readonly string[]).includes(v) ? [] : [`must be one of ${values.map((a) => `"${a}"`).join(", ")}, not "${v}"`],
  );
}

export const flag: PropertyType<boolean> = {
  label: "boolean",
  rule: "",
  isAbsent: (v) => v === undefined,
  parse: (value) => (typeof value === "boolean" ? { value } : { problems: [`must be true or false, not ${JSON.stringify(value)}`] }),
};

/** Output-only types: the service's values are taken as they come. */
export const count: PropertyType<number> = {
  label: "number",
  rule: "",
  isAbsent: (v) => v === undefined,
  parse: (value) => (typeof value === "number" ? { value } : { problems: ["must be a number"] }),
};

export const domainName = stringType<string>(
  "string",
  `a domain name of at most ${MAX_DOMAIN_NAME} characters: two or more labels of letters, digits and inner hyphens`,
  (v, shown) => one(domainNameProblem(v)).map((p) => `${shown} ${p}`),
);

export const dkimSelector = stringType<string>(
  "string",
  "at most 60 letters, digits and inner hyphens; left out, DirectMail picks one",
  (v, shown) => one(dkimSelectorProblem(v)).map((p) => `${shown} ${p}`),
);

/** How long to wait for DirectMail to verify a domain, as a number of minutes. */
const WAIT_RULE = `more than 0 and at most ${MAX_VERIFICATION_MINUTES} (two days), 30 when left out`;

function minutesProblem(value: unknown): string | undefined {
  return typeof value === "number" && value > 0 && value <= MAX_VERIFICATION_MINUTES
    ? undefined
    : `must be more than 0 and at most ${MAX_VERIFICATION_MINUTES}, not ${JSON.stringify(value)}`;
}

export const waitMinutes: PropertyType<number> = {
  label: "number",
  rule: WAIT_RULE,
  isAbsent: (v) => v === undefined || v === null,
  parse(value) {
    const problem = minutesProblem(value);
    return problem ? { problems: [problem] } : { value: value as number };
  },
};

/** How long to wait for DirectMail to verify a domain. */
export interface VerificationWait {
  /** Default 30. */
  readonly timeoutMinutes?: number;
}

export const verificationWait: PropertyType<VerificationWait> = {
  label: "`{ timeoutMinutes?: number }`",
  rule: `\`timeoutMinutes\` ${WAIT_RULE}`,
  isAbsent: (v) => v === undefined || v === null,
  parse(value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { problems: ["must be an object such as { timeoutMinutes: 30 }"] };
    }
    const { timeoutMinutes, ...rest } = value as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) return { problems: [`has no setting ${unknown.map((k) => `"${k}"`).join(", ")}; it takes timeoutMinutes`] };
    if (timeoutMinutes === undefined) return { value: {} };
    const problem = minutesProblem(timeoutMinutes);
    return problem ? { problems: [`timeoutMinutes ${problem}`] } : { value: { timeoutMinutes: timeoutMinutes as number } };
  },
};

/** DNS names in full, such as a DNS provider's records report (`fqdn`). */
export const hostNames: PropertyType<string[]> = {
  label: "string[]",
  rule: "DNS names in full (letters, digits, `_` and inner hyphens in dotted labels; a trailing dot is ignored)",
  isAbsent: (v) => v === undefined || v === null,
  parse(value) {
    if (!Array.isArray(value)) return { problems: ['must be a list of DNS names such as ["aliyundm.mail.example.com"]'] };
    // At preview a name from a resource not created yet is not known: it is checked at create.
    const problems = value.flatMap((v, i) =>
      !isKnown(v)
        ? []
        : typeof v !== "string"
          ? [`[${i}] must be a string, not ${typeof v}`]
          : one(hostNameProblem(v)).map((p) => `[${i}] "${v}" ${p}`),
    );
    return problems.length > 0 ? { problems } : { value: value.map((v: string) => (isKnown(v) ? v.replace(/\.$/, "").toLowerCase() : v)) };
  },
};

/**
 * Which account a resource (or a look-up) lives in, without a credential:
 * an Alibaba CLI profile, or a role assumed with the default credentials.
 */
export type AccountRef =
  | { readonly profile: string }
  | { readonly roleArn: string; readonly sessionName?: string; readonly externalId?: string; readonly durationSeconds?: number };

const ACCOUNT_ROLE_ARN = /^acs:ram::\d{1,32}:role\/[A-Za-z0-9._-]{1,64}$/i;

export const accountRef: PropertyType<AccountRef> = {
  label: "`{ profile }` or `{ roleArn, sessionName?, externalId?, durationSeconds? }`",
  rule: "exactly one of `profile` (an Alibaba CLI profile) or `roleArn` (acs:ram::<account id>:role/<name>, assumed with the default credentials); left out, the default credentials' account",
  isAbsent: (v) => v === undefined || v === null,
  parse(value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { problems: ['must be an object such as { roleArn: "acs:ram::123456789012:role/mail-admin" } or { profile: "prod" }'] };
    }
    const v = value as Record<string, unknown>;
    const known = ["profile", "roleArn", "sessionName", "externalId", "durationSeconds"];
    const unknown = Object.keys(v).filter((k) => !known.includes(k));
    if (unknown.length > 0)
      return { problems: [`has no setting ${unknown.map((k) => `"${k}"`).join(", ")}; it takes ${known.join(", ")}`] };
    if ((v.profile === undefined) === (v.roleArn === undefined)) return { problems: ["takes exactly one of profile or roleArn"] };
    if (v.profile !== undefined) {
      if (typeof v.profile !== "string" || !v.profile) return { problems: ["profile must be the name of an Alibaba CLI profile"] };
      if (Object.keys(v).length > 1) return { problems: ["with profile, the role settings come from the profile itself"] };
      return { value: { profile: v.profile } };
    }
    if (typeof v.roleArn !== "string" || !ACCOUNT_ROLE_ARN.test(v.roleArn)) {
      return { problems: [`roleArn must read acs:ram::<account id>:role/<role name>, not ${JSON.stringify(v.roleArn)}`] };
    }
    const d = v.durationSeconds;
    if (d !== undefined && !(typeof d === "number" && Number.isInteger(d) && d >= 900 && d <= 43_200)) {
      return { problems: [`durationSeconds must be a whole number from 900 to 43200, not ${JSON.stringify(d)}`] };
    }
    for (const name of ["sessionName", "externalId"]) {
      if (v[name] !== undefined && typeof v[name] !== "string") return { problems: [`${name} must be a string`] };
    }
    return {
      value: {
        roleArn: v.roleArn,
        ...(v.sessionName !== undefined ? { sessionName: v.sessionName as string } : {}),
        ...(v.externalId !== undefined ? { externalId: v.externalId as string } : {}),
        ...(d !== undefined ? { durationSeconds: d } : {}),
      },
    };
  },
};

/** An output the service's answer fills in, taken as it comes. */
export function reported<T>(label: string): PropertyType<T> {
  return { label, rule: "", isAbsent: (v) => v === undefined, parse: (value) => ({ value: value as T }) };
}

export const tagName = stringType<string>("string", `1-${MAX_TAG_NAME} letters, digits and underscores`, (v, shown) =>
  one(tagNameProblem(v)).map((p) => `${shown} ${p}`),
);
