import { join } from 'node:path';
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };
import { startDevIdentity, type DevIdentity } from '../src/identity';
import type { Realm } from '../src/identity';
import { loadRealm } from '../src/identity';

const root = join(__dirname, '../../..');
const realmFile = join(root, 'keycloak/realm-prodvor.json');
const usersFile = join(root, 'keycloak/dev-users.json');
const SECRET = 'test-user-service-secret';

type KcAdmin = import('@keycloak/keycloak-admin-client', { with: { 'resolution-mode': 'import' } }).default;

describe('dev identity (Keycloak stand-in)', () => {
  let identity: DevIdentity;
  let tokenUrl: string;

  beforeAll(async () => {
    identity = await startDevIdentity({ realmFile, usersFile, env: { PRODVOR_USER_SERVICE_SECRET: SECRET } });
    tokenUrl = `${identity.url}/realms/prodvor/protocol/openid-connect/token`;
  });
  afterAll(async () => identity.stop());

  const form = (fields: Record<string, string>) =>
    fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const login = (username: string, password: string) =>
    form({ grant_type: 'password', client_id: 'prodvor-dev-cli', username, password });

  it('serves discovery and a JWKS that verifies its access tokens with Keycloak-shaped claims', async () => {
    const discovery = (await (
      await fetch(`${identity.url}/realms/prodvor/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(identity.issuer);
    const response = await login('organizer', 'organizer-pass-1');
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    const { createRemoteJWKSet, jwtVerify }: typeof JoseModule = await import('jose');
    const jwks = createRemoteJWKSet(new URL(`${identity.url}/realms/prodvor/protocol/openid-connect/certs`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: identity.issuer,
      audience: 'prodvor-api',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: '0b8f2a55-6a4f-4b53-9d4e-0e2b8c1f0a01',
      preferred_username: 'organizer',
      email: 'organizer@prodvor.local',
      azp: 'prodvor-dev-cli',
      typ: 'Bearer',
    });
    expect((payload.realm_access as { roles: string[] }).roles).toEqual(
      expect.arrayContaining(['player', 'organizer']),
    );
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it('rotates refresh tokens: a used refresh token is refused', async () => {
    const first = (await (await login('player1', 'player1-pass-1')).json()) as { refresh_token: string };
    const refreshed = await form({
      grant_type: 'refresh_token',
      client_id: 'prodvor-dev-cli',
      refresh_token: first.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const reused = await form({
      grant_type: 'refresh_token',
      client_id: 'prodvor-dev-cli',
      refresh_token: first.refresh_token,
    });
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses a wrong password, the password grant on PKCE-only clients and unknown grants', async () => {
    const wrong = await login('player2', 'not-the-password-1');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const web = await form({
      grant_type: 'password',
      client_id: 'prodvor-web',
      username: 'player2',
      password: 'player2-pass-1',
    });
    expect(web.status).toBe(400);
    expect(await web.json()).toMatchObject({ error: 'unauthorized_client' });
    const odd = await form({ grant_type: 'implicit', client_id: 'prodvor-dev-cli' });
    expect(odd.status).toBe(400);
  });

  it('locks an account temporarily after repeated failures (brute-force detection)', async () => {
    for (let i = 0; i < 5; i++) await login('captain2', `wrong-password-${i}`);
    const locked = await login('captain2', 'captain2-pass-1');
    expect(locked.status).toBe(400);
    expect(await locked.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Account temporarily disabled',
    });
  });

  it('issues client-credentials tokens only to the confidential client with the right secret', async () => {
    const ok = await form({
      grant_type: 'client_credentials',
      client_id: 'prodvor-user-service',
      client_secret: SECRET,
    });
    expect(ok.status).toBe(200);
    const bad = await form({
      grant_type: 'client_credentials',
      client_id: 'prodvor-user-service',
      client_secret: 'nope',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
  });

  describe('Admin REST API through @keycloak/keycloak-admin-client, unchanged', () => {
    let admin: KcAdmin;

    beforeAll(async () => {
      const { default: KeycloakAdminClient } = await import('@keycloak/keycloak-admin-client');
      admin = new KeycloakAdminClient({ baseUrl: identity.url, realmName: 'prodvor' });
      await admin.auth({ grantType: 'client_credentials', clientId: 'prodvor-user-service', clientSecret: SECRET });
    });

    it('creates, finds, sets the password of, maps roles for and deletes a user', async () => {
      const { id } = await admin.users.create({ username: 'newbie', email: 'newbie@example.com', enabled: true });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await admin.users.find({ email: 'newbie@example.com', exact: true })).map((u) => u.id)).toEqual([id]);
      expect((await admin.users.find({ username: 'newbie', exact: true })).map((u) => u.id)).toEqual([id]);
      await expect(
        admin.users.resetPassword({ id, credential: { type: 'password', value: 'short1', temporary: false } }),
      ).rejects.toThrow();
      await admin.users.resetPassword({
        id,
        credential: { type: 'password', value: 'long-enough-pass-9', temporary: false },
      });
      expect((await login('newbie', 'long-enough-pass-9')).status).toBe(200);
      const organizer = await admin.roles.findOneByName({ name: 'organizer' });
      await admin.users.addRealmRoleMappings({ id, roles: [{ id: organizer!.id!, name: 'organizer' }] });
      const roles = (await admin.users.listRealmRoleMappings({ id })).map((r) => r.name);
      expect(roles).toEqual(expect.arrayContaining(['player', 'organizer']));
      await admin.users.del({ id });
      expect(await admin.users.find({ username: 'newbie', exact: true })).toEqual([]);
    });

    it('answers 409 for a duplicate username or e-mail', async () => {
      await expect(admin.users.create({ username: 'player1', email: 'x@example.com' })).rejects.toMatchObject({
        response: { status: 409 },
      });
      await expect(admin.users.create({ username: 'someone', email: 'player1@prodvor.local' })).rejects.toMatchObject({
        response: { status: 409 },
      });
    });

    it('refuses admin calls without a token (401) or with a player token (403)', async () => {
      const users = `${identity.url}/admin/realms/prodvor/users`;
      expect((await fetch(users)).status).toBe(401);
      const player = (await (await login('player1', 'player1-pass-1')).json()) as { access_token: string };
      expect((await fetch(users, { headers: { authorization: `Bearer ${player.access_token}` } })).status).toBe(403);
    });
  });
});

describe('realm-prodvor.json (the realm contract)', () => {
  const realm = loadRealm(realmFile, {}) as Realm & Record<string, unknown>;
  const client = (id: string) => realm.clients.find((c) => c.clientId === id) as Record<string, unknown> | undefined;

  it('has the platform roles, with player given to every new account', () => {
    expect(realm.roles.realm.map((r) => r.name)).toEqual(
      expect.arrayContaining(['player', 'organizer', 'moderator', 'admin']),
    );
    const defaults = realm.roles.realm.find((r) => r.name === 'default-roles-prodvor');
    expect(defaults?.composites?.realm).toContain('player');
  });

  it('has PKCE-only public apps, a confidential service client and the API audience', () => {
    for (const id of ['prodvor-web', 'prodvor-mobile']) {
      expect(client(id)).toMatchObject({
        publicClient: true,
        standardFlowEnabled: true,
        directAccessGrantsEnabled: false,
      });
      expect((client(id)!.attributes as Record<string, string>)['pkce.code.challenge.method']).toBe('S256');
    }
    expect(client('prodvor-user-service')).toMatchObject({
      publicClient: false,
      serviceAccountsEnabled: true,
      secret: '${PRODVOR_USER_SERVICE_SECRET}',
    });
    const mappers = (
      realm.clientScopes as { protocolMappers: { protocolMapper: string; config: Record<string, string> }[] }[]
    ).flatMap((s) => s.protocolMappers);
    expect(mappers).toContainEqual(
      expect.objectContaining({
        protocolMapper: 'oidc-audience-mapper',
        config: expect.objectContaining({ 'included.custom.audience': 'prodvor-api' }),
      }),
    );
  });

  it('protects accounts: brute-force detection, short access tokens, a password policy, no literal secrets', () => {
    expect(realm).toMatchObject({ bruteForceProtected: true, accessTokenLifespan: 300 });
    expect(realm.accessTokenLifespan).toBeLessThanOrEqual(300);
    expect(realm.passwordPolicy).toContain('length(10)');
    for (const c of realm.clients) if (c.secret) expect(c.secret).toMatch(/^\$\{[A-Z_]+\}$/);
  });
});
