import { Errors } from "../exceptions";

/**
 * What one request may carry, checked as it is read, before any signature is
 * computed: the work and memory a request costs stay bounded whoever sends it.
 * Each bound is far above what any real action sends (docs/emulator.md):
 *
 * - the body: 1 MiB. The longest real request, SingleSendMail with its
 *   documented 80 KB HtmlBody, is a tenth of it.
 * - parameters: 100, query and body together. The signed envelope is 10 and
 *   no action of the API takes more than 20 of its own.
 * - a parameter name: 128 characters (the longest real one has 28).
 * - a parameter value: 128 Ki characters: HtmlBody's 80 KB, an STS security
 *   token (a few KB) or a notify URL all fit; only the body bound is tighter.
 * - a signature nonce: 128 characters. SDKs send a UUID (36) or 32 hex digits.
 */
export const REQUEST_LIMITS = {
  bodyBytes: 1024 * 1024,
  params: 100,
  nameChars: 128,
  valueChars: 128 * 1024,
  nonceChars: 128,
} as const;

/** Refuses parameters past the limits: 400 InvalidParameter, naming the parameter when its name is short enough to show. */
export function checkParamLimits(params: ReadonlyMap<string, string>): void {
  if (params.size > REQUEST_LIMITS.params) throw Errors.tooManyParameters(params.size, REQUEST_LIMITS.params);
  for (const [name, value] of params) {
    if (name.length > REQUEST_LIMITS.nameChars) throw Errors.parameterNameTooLong(REQUEST_LIMITS.nameChars);
    if (value.length > REQUEST_LIMITS.valueChars) throw Errors.parameterTooLong(name, REQUEST_LIMITS.valueChars);
  }
}

/** A nonce past its bound is refused before it is kept, so the nonce cache's bytes stay bounded. */
export function checkNonceLength(nonce: string): void {
  if (nonce.length > REQUEST_LIMITS.nonceChars) throw Errors.parameterTooLong("SignatureNonce", REQUEST_LIMITS.nonceChars);
}
