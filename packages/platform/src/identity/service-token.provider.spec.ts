import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceTokenProvider, ServiceTokenRefusedError, tokenUrlFor } from './service-token.provider';

describe('ServiceTokenProvider', () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: unknown; delayMs?: number };
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        const { status, body: out, delayMs } = answer;
        setTimeout(
          () => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out)),
          delayMs ?? 0,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/prodvor/protocol/openid-connect/token`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (received.length = 0));

  const token = (n: number, expiresIn = 300) => ({
    access_token: `tok-${n}`,
    expires_in: expiresIn,
    token_type: 'Bearer',
  });

  it('asks with the client credentials grant (HTTP Basic) and caches the token until shortly before expiry', async () => {
    let now = 1_000_000;
    const provider = new ServiceTokenProvider({
      tokenUrl: url,
      clientId: 'prodvor-chat-service',
      clientSecret: 's3cr:t&',
      now: () => now,
    });
    answer = { status: 200, body: token(1) };
    expect(await provider.token()).toBe('tok-1');
    expect(received[0].body).toBe('grant_type=client_credentials');
    expect(received[0].headers.authorization).toBe(
      `Basic ${Buffer.from('prodvor-chat-service:s3cr%3At%26').toString('base64')}`,
    );
    answer = { status: 200, body: token(2) };
    now += 269_000;
    expect(await provider.token()).toBe('tok-1');
    now += 2_000; // 30 s before expiry: renewed
    expect(await provider.token()).toBe('tok-2');
    expect(received).toHaveLength(2);
    provider.invalidate();
    expect(await provider.token()).toBe('tok-2');
    expect(received).toHaveLength(3);
  });

  it('shares one request between concurrent callers', async () => {
    const provider = new ServiceTokenProvider({ tokenUrl: url, clientId: 'c', clientSecret: 's' });
    answer = { status: 200, body: token(3), delayMs: 100 };
    expect(await Promise.all([provider.token(), provider.token(), provider.token()])).toEqual([
      'tok-3',
      'tok-3',
      'tok-3',
    ]);
    expect(received).toHaveLength(1);
  });

  it('does not retry a refused client (401) and retries an outage once, then opens the breaker', async () => {
    const provider = new ServiceTokenProvider({ tokenUrl: url, clientId: 'c', clientSecret: 'wrong' });
    answer = { status: 401, body: { error: 'unauthorized_client' } };
    await expect(provider.token()).rejects.toBeInstanceOf(ServiceTokenRefusedError);
    expect(received).toHaveLength(1);
    answer = { status: 502, body: {} };
    received.length = 0;
    await expect(provider.token()).rejects.toThrow(/502/);
    expect(received).toHaveLength(2);
    answer = { status: 200, body: { access_token: 'x', token_type: 'Bearer' } };
    await expect(provider.token()).rejects.toThrow(/not a token/);
    for (let i = 0; i < 3; i++) await provider.token().catch(() => undefined);
    received.length = 0;
    await expect(provider.token()).rejects.toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    expect(received).toHaveLength(0);
  });

  it('derives the token endpoint from the issuer unless one is configured', () => {
    expect(tokenUrlFor('http://kc/realms/prodvor/')).toBe('http://kc/realms/prodvor/protocol/openid-connect/token');
    expect(tokenUrlFor('http://kc/realms/prodvor', 'http://keycloak:8080/t')).toBe('http://keycloak:8080/t');
  });
});
