import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gatewayHeaders, startTestIdentityProvider, type TestIdentityProvider } from '@prodvor/testing';
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

  it('accepts the gateway headers', async () => {
    const res = await get('/api/v1/me', gatewayHeaders({ sub: 'g-1', realm_access: { roles: ['admin'] } }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'g-1', roles: ['admin'] });
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

  it('rejects one gateway header without the other', async () => {
    const headers = gatewayHeaders({ sub: 'g-2' });
    await expectUnauthenticated({ 'x-authenticated-userid': headers['x-authenticated-userid'] });
    await expectUnauthenticated({ 'x-userinfo': headers['x-userinfo'] });
  });

  it('rejects a sub mismatch between the gateway headers', async () => {
    const headers = gatewayHeaders({ sub: 'g-3' });
    await expectUnauthenticated({ ...headers, 'x-authenticated-userid': 'someone-else' });
  });

  it('rejects an undecodable X-Userinfo', async () => {
    await expectUnauthenticated({ 'x-authenticated-userid': 'g-4', 'x-userinfo': '%%%not base64%%%' });
    const notJson = Buffer.from('{"sub": "g-4"').toString('base64');
    await expectUnauthenticated({ 'x-authenticated-userid': 'g-4', 'x-userinfo': notJson });
  });

  it('answers 403 FORBIDDEN without the role and 200 with it', async () => {
    const player = await get('/api/v1/me/organizer-only', gatewayHeaders({ realm_access: { roles: ['player'] } }));
    expect(player.statusCode).toBe(403);
    expect(player.json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const organizer = await get(
      '/api/v1/me/organizer-only',
      gatewayHeaders({ realm_access: { roles: ['player', 'organizer'] } }),
    );
    expect(organizer.statusCode).toBe(200);
  });

  it('lets anyone call a public route, reading identity when present', async () => {
    expect((await get('/api/v1/me/public')).json()).toEqual({ user: null });
    expect((await get('/api/v1/me/public', gatewayHeaders({ sub: 'p-1' }))).json()).toEqual({ user: 'p-1' });
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
