import { inspect } from "node:util";
import { percentEncode } from "./signer";

const MASK = "***";

/** The same text with its percent-escapes in lower case (`%2a` for `%2A`), as some servers echo them. */
const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/**
 * Every form in which a secret can come back: as given; percent-encoded once
 * (the canonical query) or twice (the string-to-sign the service echoes in
 * SignatureDoesNotMatch); as the client's own form body encodes it
 * (application/x-www-form-urlencoded, which escapes `~!'()` unlike
 * encodeURIComponent); as encodeURIComponent does; each of those two
 * percent-encoded once more (a string-to-sign built over the body as it was
 * sent, not decoded first); escaped inside JSON or by util.inspect; and each
 * encoding with lower-case hex.
 */
export function secretForms(secret: string): string[] {
  const once = percentEncode(secret);
  const twice = percentEncode(once);
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  const component = encodeURIComponent(secret);
  const plus = component.replace(/%20/g, "+");
  const sent = [form, component, plus];
  const encoded = [once, twice, ...sent, ...sent.map(percentEncode)];
  const forms = new Set([secret, ...encoded, ...encoded.map(lowerHex), JSON.stringify(secret).slice(1, -1), inspect(secret).slice(1, -1)]);
  // Longest first, so that a form that contains another is masked whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Removes secret values from text that came back from the service or from a
 * failed request, in every form they can take (see secretForms).
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary text; no secret here is that short.
    if (!secret || secret.length < 4) continue;
    for (const form of secretForms(secret)) result = result.split(form).join(MASK);
  }
  return result;
}
