import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { signTestToken } from './test-tokens';

export interface TestServiceClient {
  secret: string;
  /** Realm roles of the client's service account (e.g. `service:moderation`). */
  roles: string[];
}

export interface TestTokenEndpoint {
  /** `<base>/realms/prodvor/protocol/openid-connect/token`: give it as `OIDC_TOKEN_URL`. */
  tokenUrl: string;
  /** Every grant asked for, in order: the client id and whether it was issued. */
  grants: { clientId?: string; issued: boolean }[];
  stop(): Promise<void>;
}

/**
 * A token endpoint for the client credentials grant (client id and secret in HTTP Basic, RFC 6749
 * §2.3.1), issuing service-account access tokens shaped like Keycloak's (`azp` = the client, `sub` the
 * service account, `preferred_username` `service-account-<client>`, its realm roles), signed by the
 * process's test key (`signTestToken`), so services started with `testIdentityEnv()` accept them.
 * The run's real Keycloak issues the same for the realm's clients (infra/local `service-account.int-spec.ts`).
 */
export async function startTestTokenEndpoint(
  clients: Record<string, TestServiceClient>,
  options: { expiresIn?: number } = {},
): Promise<TestTokenEndpoint> {
  const expiresIn = options.expiresIn ?? 300;
  const accounts = new Map(Object.keys(clients).map((clientId) => [clientId, randomUUID()]));
  const grants: TestTokenEndpoint['grants'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = Buffer.from(basic ?? '', 'base64')
        .toString()
        .split(':')
        .map((part) => decodeURIComponent(part));
      const client = id ? clients[id] : undefined;
      const grantType = new URLSearchParams(body).get('grant_type');
      if (req.method !== 'POST' || grantType !== 'client_credentials' || !client || client.secret !== secret) {
        grants.push({ clientId: id, issued: false });
        res.writeHead(401, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: 'unauthorized_client' }));
      }
      grants.push({ clientId: id, issued: true });
      const accessToken = signTestToken(
        {
          sub: accounts.get(id),
          preferred_username: `service-account-${id}`,
          email: undefined,
          realm_access: { roles: client.roles },
        },
        { azp: id, expiresIn },
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/realms/prodvor/protocol/openid-connect/token`,
    grants,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
