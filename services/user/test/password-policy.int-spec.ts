import { testKeycloakAdmin, uniqueUsername } from '@prodvor/testing';
import { passwordProblems } from '../src/registration/password-policy';

/** user-service refuses a password exactly when the realm's policy in the real Keycloak does. */
describe("password policy: user-service's check and the realm agree", () => {
  const username = uniqueUsername('pw');
  const email = `${username}@example.test`;
  const candidates = [
    'yard-ball-2024',
    'short1',
    'onlyletters-here',
    '1234567890123',
    'Ünïcödé-ßpiel-9',
    username,
    username.toUpperCase(),
    email,
    email.toUpperCase(),
    `${username}-1`,
    `a1${'x'.repeat(126)}`,
    `a1${'x'.repeat(127)}`,
    '٣٣٣٣٣٣٣٣٣-letters',
  ];

  it.each(candidates)('%s', async (password) => {
    const admin = await testKeycloakAdmin();
    const [existing] = await admin.users.find({ username, exact: true });
    const id = existing?.id ?? (await admin.users.create({ username, email, enabled: true })).id;
    const accepted = await admin.users
      .resetPassword({ id, credential: { type: 'password', value: password, temporary: false } })
      .then(
        () => true,
        (error: { response?: { status: number } }) => {
          if (error.response?.status !== 400) throw error;
          return false;
        },
      );
    expect({ password, accepted }).toEqual({
      password,
      accepted: passwordProblems(password, username, email).length === 0,
    });
  });
});
