import {
  DEFAULT_ALLOWED_CLIENTS,
  ServiceTokenProvider,
  ServiceTokenRefusedError,
  TokenVerifier,
  tokenUrlFor,
} from '@prodvor/platform';
import { createRealmUser, testKeycloak, tokenClaims } from '@prodvor/testing';

/**
 * The real Keycloak with keycloak/realm-prodvor.json: chat-service's service account gets the role ai-service's
 * moderation route requires, and the platform's verifier tells access tokens from the realm's other tokens.
 */
describe('service accounts and token types against the real Keycloak', () => {
  const kc = testKeycloak();
  const tokenUrl = tokenUrlFor(kc.issuer);
  const verifier = (allowedClients?: string[]) =>
    new TokenVerifier({ issuer: kc.issuer, audience: 'prodvor-api', allowedClients });

  it("gives prodvor-chat-service's service account service:moderation, in a token the services accept", async () => {
    const provider = new ServiceTokenProvider({
      tokenUrl,
      clientId: 'prodvor-chat-service',
      clientSecret: kc.chatServiceSecret,
    });
    // Concurrent callers share one grant.
    const [token, again] = await Promise.all([provider.token(), provider.token()]);
    expect(again).toBe(token);
    const claims = tokenClaims(token);
    expect(claims).toMatchObject({
      iss: kc.issuer,
      azp: 'prodvor-chat-service',
      typ: 'Bearer',
      preferred_username: 'service-account-prodvor-chat-service',
    });
    expect(claims.aud).toContain('prodvor-api');
    expect(claims.realm_access?.roles).toContain('service:moderation');
    expect(claims.realm_access?.roles).not.toContain('player');
    const caller = await verifier().verify(token);
    expect(caller.roles).toContain('service:moderation');
  });

  it('refuses a wrong client secret without retrying', async () => {
    const provider = new ServiceTokenProvider({ tokenUrl, clientId: 'prodvor-chat-service', clientSecret: 'wrong' });
    await expect(provider.token()).rejects.toBeInstanceOf(ServiceTokenRefusedError);
  });

  it("never puts service:moderation in a user's token, and the user-service's admin account is no API caller", async () => {
    const user = await createRealmUser({ roles: ['admin'] });
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'prodvor-dev-cli',
        username: user.username,
        password: user.password,
        scope: 'openid',
      }),
    });
    const tokens = (await response.json()) as { access_token: string; refresh_token: string; id_token: string };
    expect(tokenClaims(tokens.access_token).realm_access?.roles).not.toContain('service:moderation');

    const devAndProd = verifier([...DEFAULT_ALLOWED_CLIENTS, 'prodvor-dev-cli']);
    await expect(devAndProd.verify(tokens.access_token)).resolves.toMatchObject({ id: user.id });
    // The realm's other tokens of the same issuer: refused. The ID token is RS256 with the realm key
    // (typ, and aud: the client); the refresh token is HS512 today (the algorithm, and typ).
    expect(tokenClaims(tokens.refresh_token).typ).toBe('Refresh');
    expect(tokenClaims(tokens.id_token).typ).toBe('ID');
    for (const token of [tokens.refresh_token, tokens.id_token])
      await expect(devAndProd.verify(token)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    // The dev-only client is not an API client by default (azp).
    await expect(verifier().verify(tokens.access_token)).rejects.toMatchObject({ status: 401 });

    const admin = await new ServiceTokenProvider({
      tokenUrl,
      clientId: 'prodvor-user-service',
      clientSecret: kc.userServiceSecret,
    }).token();
    expect(tokenClaims(admin).aud).toContain('prodvor-api');
    await expect(verifier().verify(admin)).rejects.toMatchObject({ status: 401 });
  });
});
