import type * as pulumi from "@pulumi/pulumi";

/**
 * One declaration per resource: every property with its type, whether it is
 * required, what a change does, whether it is secret, its rule and a one-line
 * doc. `check`, `diff`, the secret outputs, the output placeholders, the
 * TypeScript types and the README tables all follow from it (see
 * check.ts, diff.ts, docs.ts), so a property cannot be
 * half-added. Modelled on Terraform's schema maps, in plain TypeScript.
 */

/** A value's type and rule. `parse` returns the value to keep, or why it breaks the rule. */
export interface PropertyType<T> {
  /** For the docs' type column. */
  readonly label: string;
  /** The rule in words, for the docs' notes column; empty when the label says it all. */
  readonly rule: string;
  /** Whether a value counts as left out. */
  isAbsent(value: unknown): boolean;
  /**
   * `shown` is how messages refer to the value: quoted, with where it came
   * from; never used for secrets. Problems do not start with the property's
   * name (the checker adds it).
   */
  parse(value: unknown, shown: string): { readonly value: T } | { readonly problems: readonly string[] };
}

/** What a change to an input does. */
export type OnChange =
  | "replace" // a new object in the service
  | "update" // changed in place
  | "state"; // recorded in the state only: the service is not called

export interface InputSpec<T> {
  readonly type: PropertyType<T>;
  readonly doc: string;
  readonly required?: boolean;
  readonly onChange: OnChange;
  /** Encrypted in the state, `[secret]` in diffs, never in a message. */
  readonly secret?: boolean;
  /** Left out means "not managed": whatever the service has stays, and the output shows it. */
  readonly unmanagedWhenOmitted?: boolean;
  /** The service stores it in lower case; `check` does the same so diffs stay quiet. */
  readonly lowerCase?: boolean;
  /** Filled in by `check` when left out; fixed from then on, so a later change of the default shows as a change. */
  readonly fallback?: Fallback;
}

/** Where a default comes from, decided by the provider's settings. */
export type Fallback = "configuredRegion";

export interface OutputSpec<T> {
  readonly type: PropertyType<T>;
  readonly doc: string;
  /** Present only in some states (for example, no reply address). */
  readonly optional?: boolean;
  /**
   * The value the (checked) inputs alone fix; `check` records it among them.
   * An engine previews a dynamic resource's update with its inputs as its
   * outputs, so only such an output stays known there, and what is built from
   * it is not previewed as changed.
   */
  readonly fromInputs?: (inputs: Readonly<Record<string, unknown>>) => T | undefined;
}

/** A rule that ties properties together, checked after each property's own rule. */
export interface CrossRule {
  /** The property the failure is filed against. */
  readonly property: string;
  /** True when the rule is broken; values not known yet (preview) never break it. */
  readonly broken: (inputs: Readonly<Record<string, unknown>>, isKnown: (v: unknown) => boolean) => boolean;
  /** Follows the property's name in the message. */
  readonly reason: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- variance helpers: any spec, whatever its value type */
export type AnyInputs = Readonly<Record<string, InputSpec<any>>>;
export type AnyOutputs = Readonly<Record<string, OutputSpec<any>>>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface ResourceSchema<I extends AnyInputs, O extends AnyOutputs, N extends string = string> {
  /** The type name after `directmail:`, also the provider's kind (`ProviderKind` in runtime.ts follows from it). */
  readonly name: N;
  readonly inputs: I;
  /** What the service reports beyond the inputs. */
  readonly outputs: O;
  /**
   * The inputs that name the object in the service. A replacement that keeps
   * all of them must delete the old object first, because the service refuses
   * two at once; one that changes any of them creates the new one first.
   */
  readonly identity: readonly (keyof I & string)[];
  /** Why two objects with the same identity cannot exist (for the docs). */
  readonly clash: string;
  readonly rules?: readonly CrossRule[];
}

/** Any schema, as the generic check, diff and docs read it. */
export interface AnySchema {
  readonly name: string;
  readonly inputs: AnyInputs;
  readonly outputs: AnyOutputs;
  readonly identity: readonly string[];
  readonly clash: string;
  readonly rules?: readonly CrossRule[];
}

export function defineSchema<const N extends string, const I extends AnyInputs, const O extends AnyOutputs>(
  schema: ResourceSchema<I, O, N>,
): ResourceSchema<I, O, N> {
  for (const name of Object.keys(schema.outputs)) {
    if (name in schema.inputs) throw new Error(`schema ${schema.name}: ${name} is declared both as an input and as an output`);
  }
  return schema;
}

// ---- the TypeScript types that follow from a schema -----------------------------------------

type ValueOf<S> = S extends { readonly type: PropertyType<infer T> } ? T : never;
/** Inputs a user must give. */
type RequiredKeys<I> = { [K in keyof I]: I[K] extends { readonly required: true } ? K : never }[keyof I];
/** Inputs present after `check`: required ones and those it fills in. */
type CheckedKeys<I> = { [K in keyof I]: I[K] extends { readonly required: true } | { readonly fallback: Fallback } ? K : never }[keyof I];
type OptionalOutputKeys<O> = { [K in keyof O]: O[K] extends { readonly optional: true } ? K : never }[keyof O];

/** A list may be given as a list of outputs (`records.map((r) => r.fqdn)`), as Pulumi's own SDKs allow. */
type InputOf<T> = [T] extends [readonly (infer E)[]] ? pulumi.Input<readonly pulumi.Input<E>[]> : pulumi.Input<T>;

/** The resource's constructor arguments. */
export type ArgsOf<I> = { readonly [K in RequiredKeys<I>]: InputOf<ValueOf<I[K]>> } & {
  readonly [K in Exclude<keyof I, RequiredKeys<I>>]?: InputOf<ValueOf<I[K]>>;
};

/** The inputs as `check` hands them on. */
export type CheckedInputsOf<I> = { readonly [K in CheckedKeys<I>]: ValueOf<I[K]> } & {
  readonly [K in Exclude<keyof I, CheckedKeys<I>>]?: ValueOf<I[K]>;
};

/** What the service reports. */
export type ServiceOutputsOf<O> = { readonly [K in Exclude<keyof O, OptionalOutputKeys<O>>]: ValueOf<O[K]> } & {
  readonly [K in OptionalOutputKeys<O>]?: ValueOf<O[K]>;
};

/** The resource's output properties, as the class exposes them. */
export type OutputPropertiesOf<I, O> = {
  readonly [K in keyof I]: pulumi.Output<K extends CheckedKeys<I> ? ValueOf<I[K]> : ValueOf<I[K]> | undefined>;
} & {
  readonly [K in keyof O]: pulumi.Output<K extends OptionalOutputKeys<O> ? ValueOf<O[K]> | undefined : ValueOf<O[K]>>;
};

/** Every type a resource needs, from its schema: `TypesOf<typeof schema>["args"]` and so on. */
export interface TypesOf<S extends { readonly inputs: AnyInputs; readonly outputs: AnyOutputs }> {
  readonly args: ArgsOf<S["inputs"]>;
  readonly inputs: CheckedInputsOf<S["inputs"]>;
  /** What the state records: the checked inputs plus what the service reports. */
  readonly outputs: CheckedInputsOf<S["inputs"]> & ServiceOutputsOf<S["outputs"]>;
  readonly properties: OutputPropertiesOf<S["inputs"], S["outputs"]>;
}

// ---- what the resource class hands the engine -------------------------------------------------

export function secretInputs(schema: AnySchema): string[] {
  return Object.entries(schema.inputs)
    .filter(([, spec]) => spec.secret)
    .map(([name]) => name);
}

/**
 * The props of a new resource: the user's args, secret inputs wrapped as
 * secrets even when given as plain strings, and a placeholder for every other
 * declared property, because a dynamic resource exposes as outputs only the
 * props it registered (an input left out would otherwise be no Output at all).
 */
export function resourceProps(schema: AnySchema, args: object, secret: <T>(v: T) => unknown): Record<string, unknown> {
  const given = args as Record<string, unknown>;
  const declared = [...Object.keys(schema.inputs), ...Object.keys(schema.outputs)];
  const props: Record<string, unknown> = { ...Object.fromEntries(declared.map((k) => [k, undefined])), ...given };
  for (const name of secretInputs(schema)) {
    if (given[name] !== undefined) props[name] = secret(given[name]);
  }
  return props;
}
