import { randomUUID } from 'node:crypto';

const newSessionId = (): string => randomUUID();
import type { FastifyInstance, FastifyReply } from 'fastify';
import { verifyPassword } from './passwords';
import type { Realm, RealmClient } from './realm';
import type { TokenIssuer } from './tokens';
import type { StoredUser, UserStore } from './user-store';

type Form = Record<string, string | undefined>;

function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status).send({ error, error_description: description });
}

/** Client credentials from the form or HTTP Basic, as Keycloak accepts both. */
function clientCredentials(form: Form, authorization?: string): { clientId?: string; secret?: string } {
  if (authorization?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id), secret: decodeURIComponent(secret ?? '') };
  }
  return { clientId: form.client_id, secret: form.client_secret };
}

/**
 * Keycloak's token endpoint for the grants the platform uses: password (clients with direct
 * access grants), refresh_token (rotating: a used refresh token is revoked) and
 * client_credentials (confidential clients with a service account). Brute-force lockout follows
 * the realm settings.
 */
export function registerTokenEndpoint(
  app: FastifyInstance,
  realm: Realm,
  users: UserStore,
  tokens: () => TokenIssuer,
): void {
  const base = `/realms/${realm.realm}/protocol/openid-connect`;
  const liveRefreshTokens = new Set<string>();

  async function issue(user: StoredUser, client: RealmClient, sessionId: string = newSessionId()) {
    const jti = randomUUID();
    liveRefreshTokens.add(jti);
    return {
      access_token: await tokens().accessToken(user, client.clientId, sessionId),
      expires_in: realm.accessTokenLifespan,
      refresh_expires_in: realm.ssoSessionIdleTimeout ?? 1800,
      refresh_token: await tokens().refreshToken(user, client.clientId, sessionId, jti),
      token_type: 'Bearer',
      'not-before-policy': 0,
      session_state: sessionId,
      scope: 'openid profile email prodvor-api',
    };
  }

  function authenticateClient(form: Form, authorization?: string): RealmClient | string {
    const { clientId, secret } = clientCredentials(form, authorization);
    const client = realm.clients.find((c) => c.clientId === clientId);
    if (!client) return 'Invalid client or Invalid client credentials';
    if (!client.publicClient && client.secret !== secret) return 'Invalid client or Invalid client credentials';
    return client;
  }

  app.post(`${base}/token`, async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const client = authenticateClient(form, request.headers.authorization);
    if (typeof client === 'string') return oauthError(reply, 401, 'invalid_client', client);

    switch (form.grant_type ?? '') {
      case 'password': {
        if (!client.directAccessGrantsEnabled)
          return oauthError(reply, 400, 'unauthorized_client', 'Client not allowed for direct access grants');
        const user = users.findByLogin(form.username ?? '');
        if (user && realm.bruteForceProtected && user.lockedUntil > Date.now())
          return oauthError(reply, 400, 'invalid_grant', 'Account temporarily disabled');
        if (!user || !user.enabled || !(await verifyPassword(form.password ?? '', user.passwordHash))) {
          if (user && realm.bruteForceProtected) {
            user.failures += 1;
            if (user.failures >= (realm.failureFactor ?? 30)) {
              const steps = Math.floor(user.failures / (realm.failureFactor ?? 30));
              const wait = Math.min((realm.waitIncrementSeconds ?? 60) * steps, realm.maxFailureWaitSeconds ?? 900);
              user.lockedUntil = Date.now() + wait * 1000;
            }
          }
          return oauthError(reply, 401, 'invalid_grant', 'Invalid user credentials');
        }
        user.failures = 0;
        return issue(user, client);
      }
      case 'refresh_token': {
        let claims;
        try {
          claims = await tokens().verifyRefresh(form.refresh_token ?? '');
        } catch {
          return oauthError(reply, 400, 'invalid_grant', 'Invalid refresh token');
        }
        if (claims.azp !== client.clientId)
          return oauthError(
            reply,
            400,
            'invalid_grant',
            "Invalid refresh token. Token client and authorized client don't match",
          );
        if (!claims.jti || !liveRefreshTokens.delete(claims.jti))
          return oauthError(reply, 400, 'invalid_grant', 'Maximum allowed refresh token reuse exceeded');
        const user = users.get(claims.sub ?? '');
        if (!user || !user.enabled) return oauthError(reply, 400, 'invalid_grant', 'User not found or disabled');
        return issue(user, client, claims.sid);
      }
      case 'client_credentials': {
        const account = client.serviceAccountsEnabled ? users.serviceAccountOf(client.clientId) : undefined;
        if (client.publicClient || !account)
          return oauthError(reply, 401, 'unauthorized_client', 'Client not enabled to retrieve service account');
        const { refresh_token: _r, refresh_expires_in: _e, ...tokens } = await issue(account, client);
        return tokens;
      }
      default:
        return oauthError(reply, 400, 'unsupported_grant_type', 'Unsupported grant_type');
    }
  });

  app.post(`${base}/logout`, async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    try {
      const claims = await tokens().verifyRefresh(form.refresh_token ?? '');
      if (claims.jti) liveRefreshTokens.delete(claims.jti);
    } catch {
      return oauthError(reply, 400, 'invalid_grant', 'Invalid refresh token');
    }
    return reply.code(204).send();
  });

  app.get(`${base}/userinfo`, async (request, reply) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    try {
      const claims = await tokens().verifyAccess(token ?? '');
      const user = users.get(claims.sub ?? '');
      if (!user) throw new Error('gone');
      return {
        sub: user.id,
        preferred_username: user.username,
        email: user.email,
        email_verified: user.emailVerified,
        realm_access: { roles: [...user.realmRoles] },
      };
    } catch {
      return oauthError(reply, 401, 'invalid_token', 'Token verification failed');
    }
  });
}
