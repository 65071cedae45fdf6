import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestIdentityProvider, type TestIdentityProvider } from '@prodvor/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createServiceApp } from '../src/http';
import { Authenticated, CurrentUser, IdentityModule, type AuthenticatedUser } from '../src/identity';

@Authenticated()
@Controller('api/v1/me')
class MeController {
  @Get()
  me(@CurrentUser() user: AuthenticatedUser): { id: string } {
    return { id: user.id };
  }
}

type Mode = 'up' | 'status-502' | 'not-json' | 'hang';

/** A JWKS endpoint in front of the test realm that can go away: stopped, answering 502, garbage or nothing. */
async function startFlakyJwks(upstream: string) {
  let mode: Mode = 'up';
  const sockets = new Set<Socket>();
  const handler = async (res: import('node:http').ServerResponse) => {
    if (mode === 'hang') return;
    if (mode === 'status-502') return void res.writeHead(502).end('bad gateway');
    if (mode === 'not-json') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    const body = await (await fetch(upstream)).text();
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    server = createServer((_req, res) => void handler(res));
    server.on('connection', (socket) => (sockets.add(socket), socket.on('close', () => sockets.delete(socket))));
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}/certs`,
    set: (next: Mode) => (mode = next),
    /** Nothing listens on the port any more (connection refused). */
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
    start: listen,
  };
}

describe('identity when the realm keys are unavailable', () => {
  let idp: TestIdentityProvider;
  let jwks: Awaited<ReturnType<typeof startFlakyJwks>>;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    jwks = await startFlakyJwks(idp.jwksUrl);
    await jwks.stop();
    @Module({
      imports: [
        IdentityModule.forRoot({
          issuer: idp.issuer,
          audience: idp.audience,
          jwksUrl: jwks.url,
          jwksTimeoutMs: 500,
        }),
      ],
      controllers: [MeController],
    })
    class AppModule {}
    app = await createServiceApp(AppModule, { serviceName: 'identity-jwks-test' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await jwks?.stop().catch(() => undefined);
    await idp?.stop();
  });

  const me = async (token: string) =>
    app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  async function expectUnavailable(token: string) {
    const res = await me(token);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
  }

  it('answers 503 DEPENDENCY_UNAVAILABLE (not 401) however the JWKS fails, and recovers when it is back', async () => {
    const token = await idp.mintToken({ sub: 'u-outage' });
    // Refused: the key server is down.
    await expectUnavailable(token);
    await jwks.start();
    for (const mode of ['status-502', 'not-json', 'hang'] as const) {
      jwks.set(mode);
      await expectUnavailable(token);
    }
    jwks.set('up');
    const back = await me(token);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ id: 'u-outage' });
    // With the keys known, a bad token is still a 401.
    expect((await me(await idp.badSignatureToken())).statusCode).toBe(401);
  });
});
