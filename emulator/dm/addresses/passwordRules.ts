/**
 * DirectMail's documented SMTP password rules, as the emulator enforces them.
 * Written apart from the client's own copy on purpose: the two check each other.
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10 || password.length > 20) return "length";
  const count = (re: RegExp) => (password.match(re) ?? []).length;
  if (count(/[0-9]/g) < 2 || count(/[A-Z]/g) < 2 || count(/[a-z]/g) < 2) return "character classes";
  if (/^(.)\1*$/.test(password)) return "one repeated character";
  return undefined;
}
