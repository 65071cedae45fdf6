import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { registerAdminApi } from './admin-api';
import { loadRealm, loadUsers } from './realm';
import { registerTokenEndpoint } from './token-endpoint';
import { loadSigningKey, TokenIssuer } from './tokens';
import { UserStore } from './user-store';

export interface DevIdentityOptions {
  realmFile: string;
  usersFile?: string;
  keyFile?: string;
  port?: number;
  host?: string;
  /** The public base URL tokens name as issuer; defaults to http://localhost:<port>. */
  publicBaseUrl?: string;
  /** Values for the realm file's `${...}` placeholders (defaults to process.env). */
  env?: Record<string, string | undefined>;
  logger?: boolean;
}

export interface DevIdentity {
  url: string;
  issuer: string;
  users: UserStore;
  stop(): Promise<void>;
}

/**
 * DEVELOPMENT AND TESTS ONLY: a stand-in for Keycloak serving the subset of its OIDC and Admin
 * REST API the platform uses, from the same realm file. State lives in memory.
 */
export async function startDevIdentity(options: DevIdentityOptions): Promise<DevIdentity> {
  const realm = loadRealm(options.realmFile, options.env ?? process.env);
  const users = new UserStore(realm);
  await users.seed([...(realm.users ?? []), ...(options.usersFile ? loadUsers(options.usersFile) : [])]);
  const key = await loadSigningKey(options.keyFile);

  // The admin client adds a trailing slash to collection paths, as Keycloak tolerates.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  await app.register(formbody);
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-dev-identity', 'development stand-in for Keycloak, not for production');
  });
  // The issuer names the listening port, known only after listen(); routes read it through this.
  const state: { issuer?: TokenIssuer } = {};
  const tokens = (): TokenIssuer => state.issuer!;
  let issuerUrl = '';

  const oidc = `/realms/${realm.realm}/protocol/openid-connect`;
  app.get(`/realms/${realm.realm}/.well-known/openid-configuration`, async () => ({
    issuer: issuerUrl,
    authorization_endpoint: `${issuerUrl}/protocol/openid-connect/auth`,
    token_endpoint: `${issuerUrl}/protocol/openid-connect/token`,
    userinfo_endpoint: `${issuerUrl}/protocol/openid-connect/userinfo`,
    end_session_endpoint: `${issuerUrl}/protocol/openid-connect/logout`,
    jwks_uri: `${issuerUrl}/protocol/openid-connect/certs`,
    grant_types_supported: ['password', 'refresh_token', 'client_credentials'],
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  }));
  app.get(`${oidc}/certs`, async () => tokens().jwks());
  app.get(`/realms/${realm.realm}`, async () => ({
    realm: realm.realm,
    'token-service': `${issuerUrl}/protocol/openid-connect`,
  }));
  registerTokenEndpoint(app, realm, users, tokens);
  registerAdminApi(app, realm, users, tokens);
  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const port = new URL(address).port;
  const publicBaseUrl = (options.publicBaseUrl ?? `http://localhost:${port}`).replace(/\/$/, '');
  issuerUrl = `${publicBaseUrl}/realms/${realm.realm}`;
  state.issuer = new TokenIssuer(key, issuerUrl, realm.accessTokenLifespan, realm.ssoSessionIdleTimeout ?? 1800);

  return {
    url: `http://127.0.0.1:${port}`,
    issuer: issuerUrl,
    users,
    stop: () => app.close(),
  };
}
