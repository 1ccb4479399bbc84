/**
 * Drops keys whose value is undefined. The engine's protobuf conversion
 * rejects undefined ("Unexpected struct type") after the work is done, which
 * would lose a freshly created object; so every object handed back goes
 * through here.
 */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
