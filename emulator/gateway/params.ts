import { Errors } from "../exceptions";

/** An RPC request's parameters as handlers read them, with the gateway's own checks of their form. */
export class Params {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  optional(name: string): string | undefined {
    const v = this.values.get(name);
    return v === undefined || v === "" ? undefined : v;
  }

  /** The value as sent, an empty one included (for parameters where "sent empty" clears and "not sent" keeps). */
  sent(name: string): string | undefined {
    return this.values.get(name);
  }

  required(name: string): string {
    const v = this.optional(name);
    if (v === undefined) throw Errors.missingParameter(name);
    return v;
  }

  /** Decimal digits only, as the API's integer type: no sign, hex, exponent, decimal point, padding or spaces. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^(0|[1-9][0-9]{0,9})$/.test(raw)) throw Errors.invalidParameter(name);
    const n = Number(raw);
    if (n < min || n > max) throw Errors.invalidParameter(name);
    return n;
  }

  /** An id: a positive int32, written as plain decimal digits. */
  requiredId(name: string): number {
    const raw = this.required(name);
    const n = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
    if (!(n <= 2 ** 31 - 1)) throw Errors.invalidParameter(name);
    return n;
  }
}
