import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYCLOAK_BUILD_OPTIONS, startKeycloak, unsetRealmPlaceholders } from '@prodvor/testing';
import { parse } from 'yaml';

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const realmFile = join(root, 'keycloak/realm-prodvor.json');

interface ClientRep {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  attributes?: Record<string, string>;
  protocolMappers?: { protocolMapper: string; config: Record<string, string> }[];
  [key: string]: unknown;
}
interface UserProfile {
  attributes: { name: string; required?: unknown; permissions?: { view?: string[]; edit?: string[] } }[];
}

const realm = JSON.parse(read('keycloak/realm-prodvor.json')) as Record<string, unknown> & {
  clients: ClientRep[];
  roles: { realm: { name: string; composites?: { realm?: string[] } }[] };
  components: Record<string, { config: Record<string, string[]> }[]>;
};
const client = (id: string) => realm.clients.find((c) => c.clientId === id);

describe('keycloak/realm-prodvor.json (the production realm)', () => {
  it("defines no clientScopes, so Keycloak's import creates its built-in ones (basic, profile, email, roles, …)", () => {
    expect(realm.clientScopes).toBeUndefined();
    expect(realm.defaultDefaultClientScopes).toBeUndefined();
  });

  it('has the platform roles, with player given to every new account', () => {
    expect(realm.roles.realm.map((r) => r.name)).toEqual(
      expect.arrayContaining(['player', 'organizer', 'moderator', 'admin']),
    );
    expect(realm.roles.realm.find((r) => r.name === 'default-roles-prodvor')?.composites?.realm).toContain('player');
  });

  it("gives the service role only to chat-service's service account, never to accounts by default", () => {
    expect(realm.roles.realm.map((r) => r.name)).toContain('service:moderation');
    expect(realm.roles.realm.find((r) => r.name === 'default-roles-prodvor')?.composites?.realm).not.toContain(
      'service:moderation',
    );
    const users = (realm.users ?? []) as { username: string; realmRoles?: string[] }[];
    const holders = users.filter((u) => u.realmRoles?.includes('service:moderation')).map((u) => u.username);
    expect(holders).toEqual(['service-account-prodvor-chat-service']);
  });

  it('has PKCE-only public apps and a confidential service client, each putting the API audience in tokens', () => {
    for (const id of ['prodvor-web', 'prodvor-mobile']) {
      expect(client(id)).toMatchObject({
        publicClient: true,
        standardFlowEnabled: true,
        directAccessGrantsEnabled: false,
      });
      expect(client(id)!.attributes!['pkce.code.challenge.method']).toBe('S256');
    }
    expect(client('prodvor-user-service')).toMatchObject({
      publicClient: false,
      serviceAccountsEnabled: true,
      secret: '${PRODVOR_USER_SERVICE_SECRET}',
    });
    expect(client('prodvor-chat-service')).toMatchObject({
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      secret: '${PRODVOR_CHAT_SERVICE_SECRET}',
    });
    for (const c of realm.clients) {
      expect(c.protocolMappers).toContainEqual(
        expect.objectContaining({
          protocolMapper: 'oidc-audience-mapper',
          config: expect.objectContaining({ 'included.custom.audience': 'prodvor-api', 'access.token.claim': 'true' }),
        }),
      );
    }
  });

  it('leaves the password-grant dev client and the demo users to keycloak/dev-seed.json', () => {
    expect(client('prodvor-dev-cli')).toBeUndefined();
    expect(realm.clients.every((c) => c.directAccessGrantsEnabled !== true)).toBe(true);
    const users = (realm.users ?? []) as { username: string }[];
    expect(users.map((u) => u.username)).toEqual([
      'service-account-prodvor-user-service',
      'service-account-prodvor-chat-service',
    ]);
    const seed = JSON.parse(read('keycloak/dev-seed.json')) as { clients: ClientRep[]; users: { enabled: boolean }[] };
    expect(seed.clients.map((c) => c.clientId)).toEqual(['prodvor-dev-cli']);
    expect(seed.users.every((u) => u.enabled)).toBe(true);
  });

  it('requires no first or last name in the user profile (registration sends neither)', () => {
    const [provider] = realm.components['org.keycloak.userprofile.UserProfileProvider'];
    const profile = JSON.parse(provider.config['kc.user.profile.config'][0]) as UserProfile;
    const attribute = (name: string) => profile.attributes.find((a) => a.name === name);
    expect(attribute('firstName')?.required).toBeUndefined();
    expect(attribute('lastName')?.required).toBeUndefined();
  });

  it('keeps an address out of an account until user-service verified it', () => {
    const [provider] = realm.components['org.keycloak.userprofile.UserProfileProvider'];
    const profile = JSON.parse(provider.config['kc.user.profile.config'][0]) as UserProfile;
    const email = profile.attributes.find((a) => a.name === 'email');
    // Not required: a new account has none and must log in at once (a required one makes Keycloak refuse
    // the login with "Account is not fully set up" and ask for an address it would store unverified).
    expect(email?.required).toBeUndefined();
    // Only admins (user-service's verification) write it: the account console can neither squat an
    // address nor reveal ("email exists") that one has an account.
    expect(email?.permissions).toEqual({ view: ['admin', 'user'], edit: ['admin'] });
  });

  it('pins its key providers: one RS256 signing key generated at import, no key material in the file', () => {
    const providers = realm.components['org.keycloak.keys.KeyProvider'] as unknown as {
      name: string;
      providerId: string;
      config: Record<string, string[]>;
    }[];
    const signing = providers.filter((p) => p.config.algorithm?.[0] === 'RS256');
    expect(signing).toEqual([expect.objectContaining({ name: 'prodvor-rs256-1', providerId: 'rsa-generated' })]);
    expect(signing[0].config).toMatchObject({ active: ['true'], enabled: ['true'], priority: ['100'] });
    expect(providers.map((p) => p.providerId).sort()).toEqual([
      'aes-generated',
      'hmac-generated',
      'rsa-enc-generated',
      'rsa-generated',
    ]);
    for (const p of providers) expect(Object.keys(p.config)).not.toEqual(expect.arrayContaining(['privateKey']));
    expect(JSON.stringify(providers)).not.toMatch(/PRIVATE KEY|secret|certificate/i);
  });

  it('protects accounts: brute-force detection, short access tokens, rotated refresh tokens, no literal secrets', () => {
    expect(realm).toMatchObject({ bruteForceProtected: true, accessTokenLifespan: 300, revokeRefreshToken: true });
    for (const c of realm.clients) if (c.secret) expect(c.secret).toMatch(/^\$\{[A-Z_]+\}$/);
  });
});

describe('starting Keycloak with the realm', () => {
  it('names every unset placeholder and refuses to start (Keycloak would import them literally)', async () => {
    expect(unsetRealmPlaceholders([realmFile], {})).toEqual([
      'PRODVOR_CHAT_SERVICE_SECRET',
      'PRODVOR_USER_SERVICE_SECRET',
      'PRODVOR_WEB_ORIGIN',
    ]);
    expect(
      unsetRealmPlaceholders([realmFile], {
        PRODVOR_USER_SERVICE_SECRET: 's',
        PRODVOR_CHAT_SERVICE_SECRET: 'c',
        PRODVOR_WEB_ORIGIN: 'o',
      }),
    ).toEqual([]);
    await expect(
      startKeycloak({ realmFiles: [realmFile], env: { PRODVOR_WEB_ORIGIN: 'http://localhost:5173' } }),
    ).rejects.toThrow('realm placeholders not set: PRODVOR_CHAT_SERVICE_SECRET, PRODVOR_USER_SERVICE_SECRET');
  });
});

describe("compose's Keycloak", () => {
  const dockerfile = read('keycloak/Dockerfile');
  const version = /^KEYCLOAK_VERSION=(\S+)$/m.exec(read('infra/engines/fetch.sh'))![1];
  const compose = parse(read('docker-compose.yml')) as {
    services: { keycloak: { build: string; command: string[]; volumes: string[] } };
  };

  it('is the version the tests run, built with the same build options, started optimized', () => {
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(images).toEqual([`quay.io/keycloak/keycloak:${version}`, `quay.io/keycloak/keycloak:${version}`]);
    expect(dockerfile).toContain(`kc.sh build ${KEYCLOAK_BUILD_OPTIONS.join(' ')}\n`);
    expect(compose.services.keycloak.build).toBe('./keycloak');
    expect(compose.services.keycloak.command).toEqual(['start', '--optimized', '--import-realm']);
  });

  it('imports the same realm file and nothing dev-only', () => {
    const imports = compose.services.keycloak.volumes.filter((v) => v.includes('/data/import'));
    expect(imports).toEqual(['./keycloak/realm-prodvor.json:/opt/keycloak/data/import/realm-prodvor.json:ro']);
  });
});
