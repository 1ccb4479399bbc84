/** The object a create works on: one taken over, or one just created. */
export type Adoption<T> =
  { readonly id: string; readonly adopted: true; readonly existing: T } | { readonly id: string; readonly adopted: false };

/**
 * With `adopt`, takes over the object `find` returns (it may refuse one that
 * cannot be taken over by throwing); otherwise, or when there is none, creates one.
 */
export async function adoptOrCreate<T>(steps: {
  readonly adopt: boolean | undefined;
  readonly find: () => Promise<T | undefined>;
  readonly idOf: (found: T) => string;
  readonly create: () => Promise<string>;
}): Promise<Adoption<T>> {
  const existing = steps.adopt ? await steps.find() : undefined;
  if (existing !== undefined) return { id: steps.idOf(existing), adopted: true, existing };
  return { id: await steps.create(), adopted: false };
}
