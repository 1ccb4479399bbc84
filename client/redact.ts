import { percentEncode } from "./signer";

const MASK = "***";

/**
 * Removes secret values from text that came back from the service or from a
 * failed request. The service echoes its string-to-sign in
 * SignatureDoesNotMatch messages, so a password can come back encoded once
 * (canonical query) or twice (string-to-sign); every form is masked.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) {
      continue;
    }
    const once = percentEncode(secret);
    const forms = new Set([secret, once, percentEncode(once), encodeURIComponent(secret).replace(/%20/g, "+")]);
    // Longest first, so that a form that contains another is masked whole.
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      result = result.split(form).join(MASK);
    }
  }
  return result;
}
