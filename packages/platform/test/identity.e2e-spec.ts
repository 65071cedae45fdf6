import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  forgedClaimsHeaders,
  startTestIdentityProvider,
  type RealmClaims,
  type TestIdentityProvider,
} from '@prodvor/testing';
import { createServiceApp } from '../src/http';
import {
  Authenticated,
  CurrentUser,
  IdentityModule,
  Public,
  Roles,
  TokenVerifier,
  type AuthenticatedUser,
} from '../src/identity';

@Authenticated()
@Controller('api/v1/me')
class MeController {
  @Get()
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @Roles('organizer', 'admin')
  @Get('organizer-only')
  organizer(): { ok: true } {
    return { ok: true };
  }

  @Public()
  @Get('public')
  open(@CurrentUser() user?: AuthenticatedUser): { user: string | null } {
    return { user: user?.id ?? null };
  }
}

describe('identity guard', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    @Module({
      imports: [IdentityModule.forRoot({ issuer: idp.issuer, audience: idp.audience, jwksUrl: idp.jwksUrl })],
      controllers: [MeController],
    })
    class AppModule {}
    app = await createServiceApp(AppModule, { serviceName: 'identity-test' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  async function expectUnauthenticated(headers: Record<string, string>, code = 'UNAUTHENTICATED') {
    const res = await get('/api/v1/me', headers);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ status: 401, code, correlationId: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/i);
  }

  it('accepts a realm token and exposes the caller', async () => {
    const token = await idp.mintToken({ sub: 'u-1', preferred_username: 'ivan', email: 'ivan@x.test' });
    const res = await get('/api/v1/me', { authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'u-1', username: 'ivan', email: 'ivan@x.test', roles: ['player'] });
  });

  const bearer = async (claims: Partial<RealmClaims> = {}) => ({
    authorization: `Bearer ${await idp.mintToken(claims)}`,
  });
  const forgedAdmin = () => forgedClaimsHeaders({ sub: 'forged-admin', realm_access: { roles: ['player', 'admin'] } });

  it('ignores forged claims headers: alone they identify nobody (401)', async () => {
    await expectUnauthenticated(forgedAdmin());
    // Half, mismatched or undecodable claims headers change nothing either.
    await expectUnauthenticated({ 'x-authenticated-userid': 'forged-admin' });
    await expectUnauthenticated({ ...forgedAdmin(), 'x-authenticated-userid': 'someone-else' });
    await expectUnauthenticated({ 'x-authenticated-userid': 'g-4', 'x-userinfo': '%%%not base64%%%' });
  });

  it("serves forged claims headers sent with another user's valid token as the token's user", async () => {
    const res = await get('/api/v1/me', { ...forgedAdmin(), ...(await bearer({ sub: 'u-victim' })) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'u-victim', roles: ['player'] });
    const admin = await get('/api/v1/me/organizer-only', { ...forgedAdmin(), ...(await bearer({ sub: 'u-victim' })) });
    expect(admin.statusCode).toBe(403);
    expect(admin.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses tokens that are not access tokens: Keycloak refresh, ID and logout tokens (typ)', async () => {
    for (const typ of ['Refresh', 'ID', 'Logout', 'Offline', 'bearer '])
      await expectUnauthenticated(await bearer({ typ }));
    // Keycloak always sets typ; a token without one is judged on the rest.
    const res = await get('/api/v1/me', { authorization: `Bearer ${await idp.mintToken({ typ: undefined })}` });
    expect(res.statusCode).toBe(200);
  });

  it('refuses tokens issued to a client that is not an API client of the realm (azp)', async () => {
    for (const azp of ['prodvor-user-service', 'prodvor-dev-cli', 'account', 'evil-app', undefined])
      await expectUnauthenticated(await bearer({ azp }));
    for (const azp of ['prodvor-web', 'prodvor-mobile', 'prodvor-chat-service'])
      expect((await get('/api/v1/me', await bearer({ azp }))).statusCode).toBe(200);
  });

  it('requires an identity', async () => {
    await expectUnauthenticated({});
  });

  it('rejects alg none', async () => {
    await expectUnauthenticated({ authorization: `Bearer ${idp.unsignedToken()}` });
  });

  it('rejects HS256 signed with the public key', async () => {
    await expectUnauthenticated({ authorization: `Bearer ${idp.hs256WithPublicKey()}` });
  });

  it('rejects an expired token', async () => {
    await expectUnauthenticated({ authorization: `Bearer ${await idp.expiredToken()}` }, 'TOKEN_EXPIRED');
  });

  it('rejects a wrong issuer', async () => {
    await expectUnauthenticated({ authorization: `Bearer ${await idp.wrongIssuerToken()}` });
  });

  it('rejects a wrong audience', async () => {
    const token = await idp.mintToken({}, { audience: 'someone-else' });
    await expectUnauthenticated({ authorization: `Bearer ${token}` });
  });

  it('rejects a bad signature', async () => {
    await expectUnauthenticated({ authorization: `Bearer ${await idp.badSignatureToken()}` });
  });

  it('rejects a token whose payload was tampered with', async () => {
    const [header, , signature] = (await idp.mintToken({ sub: 'u-2' })).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iss: idp.issuer, aud: idp.audience })).toString(
      'base64url',
    );
    await expectUnauthenticated({ authorization: `Bearer ${header}.${forged}.${signature}` });
  });

  it('rejects malformed authorization headers', async () => {
    await expectUnauthenticated({ authorization: 'Basic dXNlcjpwYXNz' });
    await expectUnauthenticated({ authorization: 'Bearer not-a-jwt' });
  });

  it('answers 403 FORBIDDEN without the role and 200 with it', async () => {
    const player = await get('/api/v1/me/organizer-only', await bearer({ realm_access: { roles: ['player'] } }));
    expect(player.statusCode).toBe(403);
    expect(player.json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const organizer = await get('/api/v1/me/organizer-only', await bearer({ realm_access: { roles: ['organizer'] } }));
    expect(organizer.statusCode).toBe(200);
  });

  it('lets anyone call a public route, reading identity when present', async () => {
    expect((await get('/api/v1/me/public')).json()).toEqual({ user: null });
    expect((await get('/api/v1/me/public', await bearer({ sub: 'p-1' }))).json()).toEqual({ user: 'p-1' });
    expect((await get('/api/v1/me/public', forgedAdmin())).json()).toEqual({ user: null });
    expect((await get('/api/v1/me/public', { authorization: 'Bearer garbage' })).statusCode).toBe(200);
  });

  it('exports a TokenVerifier usable outside HTTP (e.g. a socket handshake)', async () => {
    const verifier = app.get(TokenVerifier);
    await expect(verifier.verify(await idp.mintToken({ sub: 's-1' }))).resolves.toMatchObject({ id: 's-1' });
    await expect(verifier.verify(idp.unsignedToken())).rejects.toMatchObject({ status: 401 });
    for (const garbage of ['garbage', 'a.b.c', '', 'eyJhbGciOiJSUzI1NiJ9..']) {
      await expect(verifier.verify(garbage)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });
});
