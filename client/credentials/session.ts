import { CredentialsError } from "../errors";
import type { CredentialSource, Credentials } from "./types";

/**
 * How long before its expiry a session is replaced: five minutes, or a
 * quarter of its life when that is shorter (a 15-minute session is replaced
 * after 11 minutes 15 seconds, a 5-second test session after 3.75 seconds).
 * The official chain uses a fixed 15 minutes, which makes every request of a
 * 15-minute session fetch a new one.
 */
export const REFRESH_BEFORE_MS = 5 * 60_000;

export function refreshAt(obtainedAt: number, expiresAt: number): number {
  return expiresAt - Math.min(REFRESH_BEFORE_MS, Math.max(0, expiresAt - obtainedAt) / 4);
}

/**
 * A source whose keys expire, cached in the process: the same session until
 * it is due, then one fetch (callers that ask meanwhile wait for it). A fetch
 * that fails is the caller's error; the old session is never handed out
 * after it is due, so no expired key is ever sent.
 */
export class SessionCache implements CredentialSource {
  private current?: { credentials: Credentials; dueAt: number };
  private inFlight?: Promise<Credentials>;

  constructor(
    readonly name: string,
    readonly account: string,
    private readonly fetch: () => Promise<Credentials>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<Credentials> {
    if (this.current && this.now() < this.current.dueAt) return Promise.resolve(this.current.credentials);
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async refresh(): Promise<Credentials> {
    this.current = undefined;
    const obtainedAt = this.now();
    const credentials = await this.fetch();
    if (credentials.expiresAt === undefined) {
      // Long-lived keys (an AK profile under a chain): kept as they are.
      this.current = { credentials, dueAt: Number.POSITIVE_INFINITY };
      return credentials;
    }
    if (credentials.expiresAt <= this.now()) {
      throw new CredentialsError(
        this.name,
        `the new session had already expired (${new Date(credentials.expiresAt).toISOString()}); is this machine's clock right?`,
      );
    }
    this.current = { credentials, dueAt: refreshAt(obtainedAt, credentials.expiresAt) };
    return credentials;
  }
}

/** Keys that never change (configuration, the environment, an AK profile). */
export function staticSource(name: string, credentials: Omit<Credentials, "source">): CredentialSource {
  const fixed: Credentials = { ...credentials, source: name };
  return { name, account: `key:${credentials.accessKeyId}`, get: () => Promise.resolve(fixed) };
}
