/**
 * DirectMail's documented SMTP password rules. They live in the client because
 * the client needs them to read a refusal (a refused password that keeps every
 * rule can only be a repeat); the provider's `check` applies them too.
 */

/** One reason per rule the password breaks; empty when it keeps them all. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 10 || password.length > 20) problems.push(`must be 10 to 20 characters long (it has ${password.length})`);
  const count = (re: RegExp) => (password.match(re) ?? []).length;
  if (count(/[0-9]/g) < 2) problems.push("must contain at least 2 digits");
  if (count(/[A-Z]/g) < 2) problems.push("must contain at least 2 upper-case letters");
  if (count(/[a-z]/g) < 2) problems.push("must contain at least 2 lower-case letters");
  if (password.length > 0 && new Set(password).size === 1) problems.push("must not be one repeated character");
  return problems;
}
