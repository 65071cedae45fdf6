import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };
import {
  createRealmUser,
  loginAs,
  passwordGrant,
  testKeycloak,
  testKeycloakAdmin,
  tokenClaims,
  uniqueUsername,
  type KeycloakAdmin,
} from '@prodvor/testing';

type KcAdmin = import('@keycloak/keycloak-admin-client', { with: { 'resolution-mode': 'import' } }).default;

/** The real Keycloak with keycloak/realm-prodvor.json imported and keycloak/dev-seed.json seeded. */
describe('Keycloak with the prodvor realm', () => {
  const kc = testKeycloak();
  const tokenUrl = `${kc.issuer}/protocol/openid-connect/token`;
  const form = (fields: Record<string, string>) =>
    fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });

  it('issues RS256 access tokens with the claims the platform reads, verified by the realm JWKS', async () => {
    const user = await createRealmUser({ roles: ['organizer'] });
    const tokens = await loginAs(user.username, user.password);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    const discovery = (await (await fetch(`${kc.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe(kc.issuer);
    const { createRemoteJWKSet, jwtVerify }: typeof JoseModule = await import('jose');
    const { payload, protectedHeader } = await jwtVerify(
      tokens.access_token,
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      { issuer: kc.issuer, audience: 'prodvor-api' },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: user.id,
      preferred_username: user.username,
      email: user.email,
      azp: 'prodvor-dev-cli',
      typ: 'Bearer',
    });
    expect(payload.aud).toContain('prodvor-api');
    expect((payload.realm_access as { roles: string[] }).roles).toEqual(
      expect.arrayContaining(['player', 'organizer']),
    );
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it('puts a role an admin grants through the Admin API into the next token, and drops it when revoked', async () => {
    const user = await createRealmUser();
    const admin = await testKeycloakAdmin();
    const moderator = await admin.roles.findOneByName({ name: 'moderator' });
    const rolesNow = async () =>
      tokenClaims((await loginAs(user.username, user.password)).access_token).realm_access!.roles;
    expect(await rolesNow()).not.toContain('moderator');
    await admin.users.addRealmRoleMappings({ id: user.id, roles: [{ id: moderator!.id!, name: 'moderator' }] });
    expect(await rolesNow()).toContain('moderator');
    await admin.users.delRealmRoleMappings({ id: user.id, roles: [{ id: moderator!.id!, name: 'moderator' }] });
    expect(await rolesNow()).not.toContain('moderator');
  });

  it('has the demo users and the dev client from keycloak/dev-seed.json', async () => {
    const claims = tokenClaims((await loginAs('organizer', 'organizer-pass-1')).access_token);
    expect(claims).toMatchObject({ sub: '0b8f2a55-6a4f-4b53-9d4e-0e2b8c1f0a01', preferred_username: 'organizer' });
    expect(claims.realm_access!.roles).toEqual(expect.arrayContaining(['player', 'organizer']));
  });

  it('rotates refresh tokens: a used refresh token is refused', async () => {
    const user = await createRealmUser();
    const first = await loginAs(user.username, user.password);
    const refresh = () =>
      form({ grant_type: 'refresh_token', client_id: 'prodvor-dev-cli', refresh_token: first.refresh_token });
    expect((await refresh()).status).toBe(200);
    const reused = await refresh();
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses a wrong password and the password grant on the PKCE-only apps', async () => {
    const user = await createRealmUser();
    const wrong = await passwordGrant(user.username, 'not-the-password-1');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    for (const app of ['prodvor-web', 'prodvor-mobile']) {
      const refused = await passwordGrant(user.username, user.password, app);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: 'unauthorized_client' });
    }
  });

  it('locks an account temporarily after rapid failures (brute-force detection), even for the right password', async () => {
    const user = await createRealmUser();
    for (let i = 0; i < 5; i++) await passwordGrant(user.username, `wrong-password-${i}`);
    const locked = await passwordGrant(user.username, user.password);
    // Keycloak does not tell a locked account from a wrong password.
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ error: 'invalid_grant' });
    const admin = await testKeycloakAdmin();
    expect(await admin.attackDetection.findOne({ id: user.id })).toMatchObject({ disabled: true });
  });

  it('issues client-credentials tokens only to the confidential client with the right secret', async () => {
    const grant = (secret: string) =>
      form({ grant_type: 'client_credentials', client_id: 'prodvor-user-service', client_secret: secret });
    expect((await grant(kc.userServiceSecret)).status).toBe(200);
    const bad = await grant('nope');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  describe("the Admin API through @keycloak/keycloak-admin-client as user-service's service account", () => {
    let service: KcAdmin;

    beforeAll(async () => {
      const { default: KeycloakAdminClient } = await import('@keycloak/keycloak-admin-client');
      service = new KeycloakAdminClient({ baseUrl: kc.url, realmName: 'prodvor' });
      await service.auth({
        grantType: 'client_credentials',
        clientId: 'prodvor-user-service',
        clientSecret: kc.userServiceSecret,
      });
    });

    it('creates, finds, sets the password of, maps roles for and deletes a user', async () => {
      const username = uniqueUsername('adm');
      const email = `${username}@example.test`;
      const { id } = await service.users.create({ username, email, enabled: true });
      expect((await service.users.find({ email, exact: true })).map((u) => u.id)).toEqual([id]);
      await expect(
        service.users.resetPassword({ id, credential: { type: 'password', value: 'short1', temporary: false } }),
      ).rejects.toMatchObject({ response: { status: 400 } });
      await service.users.resetPassword({
        id,
        credential: { type: 'password', value: 'long-enough-pass-9', temporary: false },
      });
      // No first or last name: the realm's user profile does not require them, so the account works at once.
      expect((await passwordGrant(username, 'long-enough-pass-9')).status).toBe(200);
      const organizer = await service.roles.findOneByName({ name: 'organizer' });
      await service.users.addRealmRoleMappings({ id, roles: [{ id: organizer!.id!, name: 'organizer' }] });
      expect((await service.users.listRealmRoleMappings({ id })).map((r) => r.name)).toContain('organizer');
      await service.users.del({ id });
      expect(await service.users.find({ username, exact: true })).toEqual([]);
    });

    it('answers 409 for a taken username or e-mail', async () => {
      const taken = await createRealmUser();
      await expect(service.users.create({ username: taken.username, email: 'x@example.test' })).rejects.toMatchObject({
        response: { status: 409 },
      });
      await expect(service.users.create({ username: uniqueUsername(), email: taken.email })).rejects.toMatchObject({
        response: { status: 409 },
      });
    });

    it('refuses admin calls without a token (401) or with a player token (403)', async () => {
      const users = `${kc.url}/admin/realms/prodvor/users`;
      expect((await fetch(users)).status).toBe(401);
      const player = await createRealmUser();
      const { access_token: token } = await loginAs(player.username, player.password);
      expect((await fetch(users, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    });
  });

  it('lets the console admin manage realm prodvor (the bootstrap admin signs in on master)', async () => {
    const admin: KeycloakAdmin = await testKeycloakAdmin();
    const realm = await admin.realms.findOne({ realm: 'prodvor' });
    expect(realm).toMatchObject({ realm: 'prodvor', bruteForceProtected: true });
    const consolePage = await fetch(`${kc.url}/admin/master/console/`);
    expect(consolePage.status).toBe(200);
  });
});
