import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keycloakPasswordPolicy, passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long password with a letter and a digit', () => {
    expect(passwordProblems('yard-football-7', 'ivan', 'ivan@example.test')).toEqual([]);
  });

  it.each([
    ['short1', 'must be at least 10 characters long'],
    ['onlyletters-here', 'must contain a digit'],
    ['1234567890', 'must contain a letter'],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblems(password, 'ivan', 'ivan@example.test')).toContain(problem);
  });

  it('refuses the username or the e-mail, whatever the case', () => {
    expect(passwordProblems('Striker2024', 'striker2024', 'x@example.test')).toContain(
      'must not be the username or e-mail',
    );
    expect(passwordProblems('ivan1@example.test', 'ivan', 'IVAN1@example.test')).toContain(
      'must not be the username or e-mail',
    );
  });
});

describe('keycloakPasswordPolicy', () => {
  it('is the passwordPolicy of keycloak/realm-prodvor.json', () => {
    const realm = JSON.parse(readFileSync(join(__dirname, '../../../../keycloak/realm-prodvor.json'), 'utf8')) as {
      passwordPolicy: string;
    };
    expect(realm.passwordPolicy).toBe(keycloakPasswordPolicy());
  });

  it('refuses an over-long password like the realm (maxLength)', () => {
    expect(passwordProblems(`a1${'x'.repeat(127)}`, 'ivan', 'ivan@example.test')).toContain(
      'must be at most 128 characters long',
    );
  });
});
