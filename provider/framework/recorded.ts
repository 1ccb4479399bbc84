/**
 * Properties as the engine hands them to a dynamic provider and keeps them in
 * the state: with `__provider`, the serialized provider. Whatever a provider
 * records itself (a partial create) must carry it on, or the engine could not
 * call the provider for that object again.
 */
export type Recorded<T> = T & { readonly __provider?: string };
