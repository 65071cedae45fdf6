import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { keycloakAdmin, type KeycloakAdmin } from '../engines/keycloak-admin';
import type { KeycloakCredentials } from '../engines/keycloak-server';

export interface TestKeycloakInfo {
  /** Base URL (Admin API, `KEYCLOAK_URL` of user-service). */
  url: string;
  issuer: string;
  realm: string;
  /** The master realm's bootstrap admin (the console's first admin). */
  admin: KeycloakCredentials;
  /** Secret of the confidential client `prodvor-user-service`. */
  userServiceSecret: string;
  /** Secret of the confidential client `prodvor-chat-service` (service account with `service:moderation`). */
  chatServiceSecret: string;
  /**
   * The web app origin `prodvor-web` accepts (`${PRODVOR_WEB_ORIGIN}`: its redirect URIs and web origins),
   * where a browser test serves its page.
   */
  webOrigin: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    prodvorKeycloak: TestKeycloakInfo;
  }
}

/** The run's Keycloak; the project must list `setupTestKeycloak` in its globalSetup. */
export function testKeycloak(): TestKeycloakInfo {
  const info = inject('prodvorKeycloak');
  if (!info) throw new Error("no test Keycloak: add the project's globalSetup calling setupTestKeycloak");
  return info;
}

/** The Admin API as the console's admin, on realm prodvor. */
export function testKeycloakAdmin(): Promise<KeycloakAdmin> {
  const { url, admin, realm } = testKeycloak();
  return keycloakAdmin(url, admin, realm);
}

export interface RealmUser {
  id: string;
  username: string;
  email: string;
  password: string;
}

/** A short name unique across the parallel files sharing the realm (a-z, 0-9, dash: registration accepts it). */
export function uniqueUsername(prefix = 'u'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A new enabled realm user with a password and these realm roles (on top of the default `player`). */
export async function createRealmUser(options: { roles?: string[]; prefix?: string } = {}): Promise<RealmUser> {
  const admin = await testKeycloakAdmin();
  const username = uniqueUsername(options.prefix);
  const user = { username, email: `${username}@example.test`, password: `pw-${randomBytes(8).toString('hex')}-7` };
  const { id } = await admin.users.create({
    username,
    email: user.email,
    firstName: 'Test',
    lastName: username,
    enabled: true,
    emailVerified: true,
    credentials: [{ type: 'password', value: user.password, temporary: false }],
  });
  const roles = await Promise.all((options.roles ?? []).map((name) => admin.roles.findOneByName({ name })));
  if (roles.length) {
    await admin.users.addRealmRoleMappings({ id, roles: roles.map((role) => ({ id: role!.id!, name: role!.name! })) });
  }
  return { id, ...user };
}

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
}

/** The token endpoint's raw answer for a password grant (default client: the dev-only `prodvor-dev-cli`). */
export function passwordGrant(username: string, password: string, clientId = 'prodvor-dev-cli'): Promise<Response> {
  return fetch(`${testKeycloak().issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }),
  });
}

/** A realm access token for the user (password grant); throws with Keycloak's answer when refused. */
export async function loginAs(username: string, password: string): Promise<TokenSet> {
  const response = await passwordGrant(username, password);
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenSet;
}

/** The (unverified) claims of a JWT. */
export function tokenClaims(token: string): Record<string, unknown> & { realm_access?: { roles: string[] } } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}
