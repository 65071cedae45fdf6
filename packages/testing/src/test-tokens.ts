import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { realmClaims, type MintOptions, type RealmClaims, type TestIdentityProvider } from './identity';

/**
 * Access tokens for the tests, signed synchronously with a key of this process (so `newUser()` stays
 * synchronous) and verified by the services like the realm's: RS256 over a JWKS the process serves on
 * 127.0.0.1 (`testIdentityEnv()`). Tests never send the gateway's claims headers as identity: services
 * ignore them; `forgedClaimsHeaders()` builds them only to prove that.
 */
export const TEST_IDENTITY_ISSUER = 'http://identity.test.invalid/realms/prodvor';
export const TEST_IDENTITY_AUDIENCE = 'prodvor-api';
/** The realm's API clients plus the dev-only password-grant client the Keycloak tests log in with. */
export const TEST_ALLOWED_CLIENTS = 'prodvor-web,prodvor-mobile,prodvor-chat-service,prodvor-dev-cli';

export interface TestTokenOptions {
  issuer?: string;
  audience?: string | string[];
  /** Seconds from now (default 6 hours: a file's users live as long as the file); negative: expired. */
  expiresIn?: number;
  /** Keycloak's token type: `Bearer` (access token, default), `Refresh`, `ID`; null leaves it out. */
  typ?: string | null;
  /** The client the token was issued to (default `prodvor-web`); null leaves it out. */
  azp?: string | null;
  /** Signs with another key than the one the JWKS serves (a forged signature). */
  foreignKey?: boolean;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

let signingKey: SigningKey | undefined;
let foreignKey: KeyObject | undefined;

function processKey(): SigningKey {
  if (!signingKey) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = `test-${randomUUID()}`;
    signingKey = { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
  }
  return signingKey;
}

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A realm-shaped RS256 token signed by this process's test key (an access token unless `typ` says otherwise). */
export function signTestToken(claims: Partial<RealmClaims> = {}, options: TestTokenOptions = {}): string {
  const key = processKey();
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? 6 * 3600;
  const payload: Record<string, unknown> = {
    exp: now + expiresIn,
    iat: Math.min(now, now + expiresIn - 60),
    jti: randomUUID(),
    iss: options.issuer ?? TEST_IDENTITY_ISSUER,
    aud: options.audience ?? TEST_IDENTITY_AUDIENCE,
    typ: options.typ === undefined ? 'Bearer' : options.typ,
    azp: options.azp === undefined ? 'prodvor-web' : options.azp,
    ...realmClaims(claims),
  };
  for (const name of ['typ', 'azp']) if (payload[name] === null) delete payload[name];
  const input = `${segment({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${segment(payload)}`;
  if (options.foreignKey) foreignKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const privateKey = options.foreignKey ? foreignKey! : key.privateKey;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/** `Authorization: Bearer <signTestToken(claims, options)>`. */
export function bearerHeaders(
  claims: Partial<RealmClaims> = {},
  options: TestTokenOptions = {},
): Record<string, string> {
  return { authorization: `Bearer ${signTestToken(claims, options)}` };
}

/**
 * What an attacker who reaches a service directly would send: the gateway's claims headers
 * (`X-Authenticated-Userid`, `X-Userinfo` = base64 JSON claims) for an identity of their choosing.
 */
export function forgedClaimsHeaders(claims: Partial<RealmClaims> = {}): Record<string, string> {
  const full = realmClaims(claims);
  return {
    'x-authenticated-userid': full.sub,
    'x-userinfo': Buffer.from(JSON.stringify(full)).toString('base64'),
  };
}

let jwksServer: Promise<string> | undefined;

async function keysOf(upstream: string | null): Promise<unknown[]> {
  if (!upstream) return [];
  const response = await fetch(upstream);
  if (!response.ok) throw new Error(`upstream JWKS ${upstream}: ${response.status}`);
  return ((await response.json()) as { keys: unknown[] }).keys;
}

/** Starts (once per process) the server of the test key's JWKS; resolves its base URL. */
function startJwksServer(): Promise<string> {
  jwksServer ??= new Promise<string>((resolve) => {
    const server: Server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/certs') return void res.writeHead(404).end();
      // With `?upstream=`, the upstream's keys (a real Keycloak's) are served next to the test key.
      keysOf(url.searchParams.get('upstream')).then(
        (keys) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ keys: [processKey().jwk, ...keys] }));
        },
        () => res.writeHead(502).end(),
      );
    });
    server.unref();
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  return jwksServer;
}

/**
 * The identity environment of a service under test that accepts `signTestToken()` tokens: issuer,
 * audience and the process's JWKS URL. With `alsoTrust` (a real Keycloak's issuer and JWKS URL), tokens
 * of that issuer are verified against its keys and the test key: user-service tests use both its real
 * logins and synthetic users (sign those with `{ issuer: alsoTrust.issuer }`).
 */
export async function testIdentityEnv(alsoTrust?: {
  issuer: string;
  jwksUrl?: string;
}): Promise<Record<'OIDC_ISSUER' | 'OIDC_JWKS_URL' | 'OIDC_AUDIENCE' | 'OIDC_ALLOWED_CLIENTS', string>> {
  const base = await startJwksServer();
  const upstream = alsoTrust && (alsoTrust.jwksUrl ?? `${alsoTrust.issuer}/protocol/openid-connect/certs`);
  return {
    OIDC_ISSUER: alsoTrust?.issuer ?? TEST_IDENTITY_ISSUER,
    OIDC_JWKS_URL: upstream ? `${base}/certs?upstream=${encodeURIComponent(upstream)}` : `${base}/certs`,
    OIDC_AUDIENCE: TEST_IDENTITY_AUDIENCE,
    OIDC_ALLOWED_CLIENTS: TEST_ALLOWED_CLIENTS,
  };
}

const SPAN_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function seconds(expiresIn: number | string | undefined): number | undefined {
  if (typeof expiresIn !== 'string') return expiresIn;
  const match = /^(-?\d+)\s*([smhd])$/.exec(expiresIn.trim());
  if (!match) throw new Error(`expiresIn ${expiresIn}: use seconds or <n>s|m|h|d`);
  return Number(match[1]) * SPAN_SECONDS[match[2]];
}

/**
 * `TestIdentityProvider` over this process's test key and JWKS server, for files that want its attacker
 * builders with the tokens `newUser()` makes; `stop()` does nothing (the server lives with the process).
 */
export async function processTestIdentity(): Promise<TestIdentityProvider> {
  const env = await testIdentityEnv();
  const key = processKey();
  const publicPem = createPublicKey({ key: key.jwk as JsonWebKey, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const mint = (claims: Partial<RealmClaims> = {}, opts: MintOptions = {}): string =>
    signTestToken(claims, { issuer: opts.issuer, audience: opts.audience, expiresIn: seconds(opts.expiresIn) ?? 300 });
  const unsignedBody = (claims: Partial<RealmClaims>) =>
    JSON.parse(Buffer.from(mint(claims).split('.')[1], 'base64url').toString()) as Record<string, unknown>;
  return {
    issuer: env.OIDC_ISSUER,
    audience: env.OIDC_AUDIENCE,
    jwksUrl: env.OIDC_JWKS_URL,
    publicJwk: key.jwk,
    mintToken: (claims, opts) => Promise.resolve(mint(claims, opts)),
    unsignedToken: (claims = {}) => `${segment({ alg: 'none', typ: 'JWT' })}.${segment(unsignedBody(claims))}.`,
    hs256WithPublicKey: (claims = {}) => {
      const input = `${segment({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${segment(unsignedBody(claims))}`;
      return `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`;
    },
    expiredToken: (claims = {}) => Promise.resolve(mint(claims, { expiresIn: -120 })),
    wrongIssuerToken: (claims = {}) => Promise.resolve(mint(claims, { issuer: 'http://127.0.0.1:1/realms/evil' })),
    badSignatureToken: (claims = {}) => Promise.resolve(signTestToken(claims, { foreignKey: true })),
    stop: () => Promise.resolve(),
  };
}
