import type { DirectMailClient } from "../client";
import { LostAnswerRecovery, REPEAT } from "../resilience/retry";
import type { JsonObject } from "../rpc/answers";

/** Parameters as an action sends them: left-out ones are undefined and not sent. */
export type WireParams = Readonly<Record<string, string | number | undefined>>;

/**
 * One DirectMail action, declared once: what it sends, how its answer is read,
 * how a lost answer is recovered, which parameters are secret and which
 * answers mean that its object does not exist. The documented rate limits are
 * shared facts (apiFacts.ts: the emulator enforces them too); the pacer finds
 * an action's there by its name.
 */
export interface Action<Args, Result> {
  readonly name: string;
  readonly params: (args: Args) => WireParams;
  /** The answer, as the caller gets it. */
  readonly read: (body: JsonObject) => Result;
  /**
   * How an answer lost in transit is recovered (see LostAnswerRecovery);
   * default: repeat it. Given the client, for recoveries that look up.
   */
  readonly recovery?: (args: Args, client: DirectMailClient) => LostAnswerRecovery<Result>;
  /** Parameters never shown: not in error context, masked in every message. */
  readonly secretParams?: readonly string[];
  /** The codes by which this action says its object does not exist. */
  readonly goneCodes?: readonly string[];
}

export function defineAction<Args, Result>(action: Action<Args, Result>): Action<Args, Result> {
  return action;
}

export function recoveryOf<Args, Result>(action: Action<Args, Result>, args: Args, client: DirectMailClient): LostAnswerRecovery<Result> {
  return action.recovery ? action.recovery(args, client) : REPEAT;
}

/** An answer with nothing to read. */
export const nothing = (): void => undefined;
