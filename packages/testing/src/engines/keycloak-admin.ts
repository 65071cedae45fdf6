import { readFileSync } from 'node:fs';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client' with { 'resolution-mode': 'import' };
import type { KeycloakCredentials } from './keycloak-server';

export type KeycloakAdmin = KeycloakAdminClient;
type PartialImportRealmRepresentation = NonNullable<Parameters<KeycloakAdmin['realms']['partialImport']>[0]>['rep'];

/** Master-realm tokens live 60 s; renew well before. */
const RENEW_AFTER_MS = 30_000;

/**
 * `@keycloak/keycloak-admin-client` (ESM only, hence the dynamic import) signed in as the bootstrap
 * admin of the master realm and pointed at `realm`: what an admin does in the console, over the Admin
 * API. The token is renewed before every call that finds it older than 30 s.
 */
export async function keycloakAdmin(
  url: string,
  admin: KeycloakCredentials,
  realm = 'prodvor',
): Promise<KeycloakAdmin> {
  const { default: Client } = await import('@keycloak/keycloak-admin-client');
  // Signs in on master; the client below works on `realm` with that token.
  const session = new Client({ baseUrl: url, realmName: 'master' });
  let signedInAt = 0;
  const signIn = async () => {
    await session.auth({ grantType: 'password', clientId: 'admin-cli', ...admin });
    signedInAt = Date.now();
  };
  await signIn();
  const client = new Client({ baseUrl: url, realmName: realm });
  client.registerTokenProvider({
    getAccessToken: async () => {
      if (Date.now() - signedInAt > RENEW_AFTER_MS) await signIn();
      return session.accessToken;
    },
  });
  return client;
}

/**
 * Seeds the local-development-only part of the realm from a partial-import file (keycloak/dev-seed.json:
 * the password-grant client `prodvor-dev-cli` and the demo users). Existing ones are skipped, so it runs
 * on every start.
 */
export async function seedKeycloak(
  url: string,
  admin: KeycloakCredentials,
  seedFile: string,
  realm = 'prodvor',
): Promise<{ added: number; skipped: number }> {
  const client = await keycloakAdmin(url, admin, realm);
  const rep = JSON.parse(readFileSync(seedFile, 'utf8')) as PartialImportRealmRepresentation;
  const result = await client.realms.partialImport({ realm, rep });
  return { added: result.added ?? 0, skipped: result.skipped ?? 0 };
}
