import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `${salt.toString('base64')}:${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  if (!stored) return false;
  const [salt, hash] = stored.split(':');
  const candidate = await scrypt(password, Buffer.from(salt, 'base64'), 32);
  return timingSafeEqual(candidate, Buffer.from(hash, 'base64'));
}

/**
 * The subset of Keycloak's password policy language the realm uses:
 * `length(n)`, `digits(n)`, `notUsername`, `notEmail`. Returns the first violated rule.
 */
export function violatedPolicy(
  policy: string | undefined,
  password: string,
  user: { username: string; email?: string },
): string | undefined {
  for (const rule of (policy ?? '')
    .split(' and ')
    .map((r) => r.trim())
    .filter(Boolean)) {
    const [, name, arg] = /^(\w+)(?:\((\d+)\))?$/.exec(rule) ?? [];
    const n = Number(arg ?? 1);
    if (name === 'length' && password.length < n) return `invalidPasswordMinLengthMessage`;
    if (name === 'digits' && (password.match(/\d/g) ?? []).length < n) return 'invalidPasswordMinDigitsMessage';
    if (name === 'notUsername' && password.toLowerCase() === user.username.toLowerCase())
      return 'invalidPasswordNotUsernameMessage';
    if (name === 'notEmail' && user.email && password.toLowerCase() === user.email.toLowerCase())
      return 'invalidPasswordNotEmailMessage';
  }
  return undefined;
}
