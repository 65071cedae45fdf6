/**
 * The realm's password policy, checked before the account is created so a user sees the same rule
 * here as in Keycloak. `keycloakPasswordPolicy()` is the realm's `passwordPolicy` string for these
 * rules; a test compares it with keycloak/realm-prodvor.json and another one with the real server.
 */
export const PASSWORD_RULES = { minLength: 10, maxLength: 128, minDigits: 1 } as const;

/** Java regex (Keycloak's `regexPattern` must match the whole password): a letter anywhere. */
const LETTER_PATTERN = '(?s).*\\p{L}.*';

export function keycloakPasswordPolicy(): string {
  return [
    `length(${PASSWORD_RULES.minLength})`,
    `maxLength(${PASSWORD_RULES.maxLength})`,
    `digits(${PASSWORD_RULES.minDigits})`,
    `regexPattern(${LETTER_PATTERN})`,
    'notUsername',
    'notEmail',
  ].join(' and ');
}

/** What is wrong with the password, empty when it is acceptable. Length counts UTF-16 units, as Java does. */
export function passwordProblems(password: string, username: string, email: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_RULES.minLength) {
    problems.push(`must be at least ${PASSWORD_RULES.minLength} characters long`);
  }
  if (password.length > PASSWORD_RULES.maxLength) {
    problems.push(`must be at most ${PASSWORD_RULES.maxLength} characters long`);
  }
  if (!/\p{L}/u.test(password)) problems.push('must contain a letter');
  if ((password.match(/\p{Nd}/gu) ?? []).length < PASSWORD_RULES.minDigits) problems.push('must contain a digit');
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase() || lower === email.toLowerCase()) {
    problems.push('must not be the username or e-mail');
  }
  return problems;
}
