import type * as pulumi from "@pulumi/pulumi";
import type { ClientPool } from "../config/clientPool";
import type { AnySchema } from "../schema/schema";
import { checkInputs } from "../schema/check";
import { diffInputs } from "../schema/diff";

/**
 * What every resource's provider does the same way, from its declaration:
 * `check` (every rule, before any API call) and `diff` (what replaces, what
 * updates). Each runtime adds create, read, update and delete.
 */
export abstract class SchemaRuntime<Inputs, Outputs> {
  constructor(
    private readonly schema: AnySchema,
    protected readonly clients: () => ClientPool,
  ) {}

  async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
    const result = checkInputs(this.schema, news, this.clients().fallbacks);
    const settings = this.clients().settingsProblems.map((reason) => ({ property: "", reason }));
    return settings.length === 0 ? result : { ...result, failures: [...settings, ...(result.failures ?? [])] };
  }

  async diff(_id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
    return diffInputs(this.schema, olds as object, news as object);
  }
}
