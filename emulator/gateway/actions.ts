/**
 * An RPC service's actions, each declared once: its handler, whether it
 * changes state (the gateway then saves the state file after it), and the
 * switch that can turn it off. A service (DirectMail today, STS next) builds
 * its registry from the ones its areas define.
 */

/** A response body before the dialect and the wire format have their say. */
export type Body = Record<string, unknown>;

export interface ActionSpec<Context, Switch extends string = never> {
  readonly handler: (ctx: Context) => Body;
  /** Whether the action can change state; the gateway persists after these. Default false. */
  readonly mutates?: boolean;
  /** The service option that, set to false, makes the action answer as unknown. */
  readonly switch?: Switch;
  /** Called without a signature (STS AssumeRoleWithOIDC: the token in it is the proof); any signature sent is ignored. */
  readonly anonymous?: boolean;
}

export interface Action<Context, Switch extends string = never> extends ActionSpec<Context, Switch> {
  readonly name: string;
  readonly mutates: boolean;
}

/** Keyed by action name; a Map, so that no name inherited from Object.prototype is taken for an action. */
export type ActionRegistry<Context, Switch extends string = never> = ReadonlyMap<string, Action<Context, Switch>>;

export function defineActions<Context, Switch extends string = never>(
  specs: Readonly<Record<string, ActionSpec<Context, Switch>>>,
): ActionRegistry<Context, Switch> {
  return new Map(Object.entries(specs).map(([name, spec]) => [name, { ...spec, name, mutates: spec.mutates ?? false }]));
}

/** One registry from the areas' ones; an action declared twice is a programming error. */
export function combineActions<Context, Switch extends string>(
  ...registries: ReadonlyArray<ActionRegistry<Context, Switch>>
): ActionRegistry<Context, Switch> {
  const all = new Map<string, Action<Context, Switch>>();
  for (const registry of registries) {
    for (const [name, action] of registry) {
      if (all.has(name)) throw new Error(`action ${name} is declared twice`);
      all.set(name, action);
    }
  }
  return all;
}
