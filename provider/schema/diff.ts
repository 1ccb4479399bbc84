import type * as pulumi from "@pulumi/pulumi";
import type { AnySchema } from "./schema";

/**
 * The provider's `diff`, from a schema. `olds` are the last known outputs
 * (refreshed by `pulumi refresh`), so drift made by hand shows as a change to
 * put right.
 */
export function diffInputs(schema: AnySchema, olds: object, news: object): pulumi.dynamic.DiffResult {
  const before = olds as Record<string, unknown>;
  const after = news as Record<string, unknown>;
  const replaces: string[] = [];
  let updates = 0;
  for (const [name, spec] of Object.entries(schema.inputs)) {
    if (spec.unmanagedWhenOmitted && after[name] === undefined) continue;
    if (sameValue(after[name], before[name])) continue;
    if (spec.onChange === "replace") replaces.push(name);
    else updates++;
  }
  return {
    changes: replaces.length > 0 || updates > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && schema.identity.every((name) => sameValue(after[name], before[name])),
  };
}

/** Equal as values: object inputs (such as `waitForVerification`) compare by content, whatever the key order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
