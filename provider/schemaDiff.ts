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
    if (after[name] === before[name]) continue;
    if (spec.onChange === "replace") replaces.push(name);
    else updates++;
  }
  return {
    changes: replaces.length > 0 || updates > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && schema.identity.every((name) => after[name] === before[name]),
  };
}
