import type * as pulumi from "@pulumi/pulumi";
import type { AnySchema, Fallback } from "./schema";
import { nearestName } from "./nearestName";
import { isKnown } from "./validation";

/**
 * The provider's `check`, from a schema: every broken rule of every property,
 * before any API call. Values not known yet (preview) are skipped.
 */

export interface Failure {
  readonly property: string;
  readonly reason: string;
}

/** A default and where it came from, so that a bad default is blamed on its source. */
export interface FallbackValue {
  readonly value: string;
  /** For example `directmail:region` or `ALIBABA_CLOUD_REGION_ID`. */
  readonly source: string;
}

export type Fallbacks = Readonly<Record<Fallback, FallbackValue>>;

/**
 * The reason always starts with the property's name. A secret's failure is
 * filed against no property: given a property, the engine prints its value
 * beside the reason, and it does so even for secrets.
 */
function failure(property: string, reason: string, secret: boolean | undefined): Failure {
  return { property: secret ? "" : property, reason: `${property} ${reason}` };
}

export function checkInputs<T>(schema: AnySchema, news: T, fallbacks: Fallbacks): pulumi.dynamic.CheckResult<T> {
  const given = news as Record<string, unknown>;
  const inputs: Record<string, unknown> = { ...given };
  const failures: Failure[] = [];
  for (const [name, spec] of Object.entries(schema.inputs)) {
    const value = given[name];
    if (!isKnown(value)) continue;
    if (spec.type.isAbsent(value)) {
      if (spec.required) failures.push(failure(name, "is required", false));
      continue;
    }
    const parsed = spec.type.parse(value, `"${String(value)}"`);
    if ("problems" in parsed) {
      failures.push(...parsed.problems.map((p) => failure(name, p, spec.secret)));
      continue;
    }
    inputs[name] = spec.lowerCase && typeof parsed.value === "string" ? parsed.value.toLowerCase() : parsed.value;
  }
  // A misspelt property (JavaScript has no compiler to catch it) would otherwise be dropped in silence,
  // and what it meant to manage left unmanaged. Filed against no property: its value may be a secret.
  const declared = [...Object.keys(schema.inputs), ...Object.keys(schema.outputs)];
  for (const name of Object.keys(given)) {
    if (name.startsWith("__") || declared.includes(name)) continue;
    const nearest = nearestName(name, Object.keys(schema.inputs));
    failures.push({
      property: "",
      reason: `${name} is not a property of ${schema.name}${nearest ? `; did you mean ${nearest}?` : ""} (its inputs: ${Object.keys(schema.inputs).join(", ")})`,
    });
  }
  for (const rule of schema.rules ?? []) {
    if (rule.broken(given, isKnown)) failures.push(failure(rule.property, rule.reason, schema.inputs[rule.property]?.secret));
  }
  if (failures.length > 0) return { failures };

  for (const [name, spec] of Object.entries(schema.inputs)) {
    if (!spec.fallback || !spec.type.isAbsent(given[name])) continue;
    const fallback = fallbacks[spec.fallback];
    const parsed = spec.type.parse(fallback.value, `"${fallback.value}" (from ${fallback.source})`);
    // Filed against no property: the value is the config's, and the engine would print the (absent) input as {<nil>}.
    if ("problems" in parsed) return { failures: parsed.problems.map((p) => failure(name, p, true)) };
    inputs[name] = parsed.value;
  }
  for (const [name, spec] of Object.entries(schema.outputs)) {
    const value = spec.fromInputs?.(inputs);
    if (value !== undefined && isKnown(value)) inputs[name] = value;
  }
  return { inputs: inputs as T };
}
