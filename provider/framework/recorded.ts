/**
 * Properties as the engine hands them to a dynamic provider and keeps them in
 * the state: with `__provider`, the serialized provider, and `__urn`, the
 * resource's own URN (the SDK does not tell a dynamic provider; progress is
 * reported against it). Whatever a provider records itself (a partial create)
 * must carry `__provider` on, or the engine could not call the provider for
 * that object again.
 */
export type Recorded<T> = T & { readonly __provider?: string; readonly __urn?: string };
