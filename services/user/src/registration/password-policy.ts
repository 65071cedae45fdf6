/**
 * The realm's password policy, checked before the account is created so a user sees the same rule
 * here as in Keycloak: at least 10 characters, a letter and a digit, not the username or e-mail.
 * Returns what is wrong, empty when the password is acceptable.
 */
export function passwordProblems(password: string, username: string, email: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('must be at least 10 characters long');
  if (!/\p{L}/u.test(password)) problems.push('must contain a letter');
  if (!/\p{Nd}/u.test(password)) problems.push('must contain a digit');
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase() || lower === email.toLowerCase()) {
    problems.push('must not be the username or e-mail');
  }
  return problems;
}
