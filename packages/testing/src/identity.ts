import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };
import type { CryptoKey, JWK } from 'jose' with { 'resolution-mode': 'import' };
import { createHmac, randomUUID } from 'node:crypto';

/** Claims the way the realm puts them in an access token; every field may be overridden. */
export interface RealmClaims {
  sub: string;
  preferred_username: string;
  email?: string;
  realm_access: { roles: string[] };
  [claim: string]: unknown;
}

export interface MintOptions {
  /** Seconds from now, or a jose time span ('5m'); negative seconds give an already expired token. */
  expiresIn?: number | string;
  issuer?: string;
  audience?: string | string[];
  kid?: string;
}

export interface TestIdentityProvider {
  issuer: string;
  audience: string;
  jwksUrl: string;
  publicJwk: JWK;
  mintToken(claims?: Partial<RealmClaims>, options?: MintOptions): Promise<string>;
  unsignedToken(claims?: Partial<RealmClaims>): string;
  hs256WithPublicKey(claims?: Partial<RealmClaims>): string;
  expiredToken(claims?: Partial<RealmClaims>): Promise<string>;
  wrongIssuerToken(claims?: Partial<RealmClaims>): Promise<string>;
  badSignatureToken(claims?: Partial<RealmClaims>): Promise<string>;
  stop(): Promise<void>;
}

export function realmClaims(overrides: Partial<RealmClaims> = {}): RealmClaims {
  const sub = overrides.sub ?? randomUUID();
  return {
    sub,
    preferred_username: `user-${sub.slice(0, 8)}`,
    email: `${sub.slice(0, 8)}@example.test`,
    realm_access: { roles: ['player'] },
    ...overrides,
  };
}

// jose 6 is ESM only; this CommonJS package loads it with a dynamic import.
const loadJose = (): Promise<typeof Jose> => import('jose');

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Signs realm-shaped RS256 tokens and serves their JWKS on 127.0.0.1 the way the realm does
 * (`<issuer>/protocol/openid-connect/certs`), plus builders for the tokens an attacker would try.
 */
export async function startTestIdentityProvider(
  options: { issuer?: string; audience?: string } = {},
): Promise<TestIdentityProvider> {
  const { exportJWK, exportSPKI, generateKeyPair, SignJWT } = await loadJose();
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const publicPem = await exportSPKI(publicKey);
  const other = await generateKeyPair('RS256');

  const server: Server = createServer((req, res) => {
    if (req.url?.endsWith('/protocol/openid-connect/certs')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [publicJwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}/realms/prodvor`;
  const audience = options.audience ?? 'prodvor-api';
  const jwksUrl = `http://127.0.0.1:${port}${new URL(issuer).pathname}/protocol/openid-connect/certs`;

  const payload = (claims: Partial<RealmClaims>, audienceOverride?: string | string[]): Record<string, unknown> => ({
    typ: 'Bearer',
    azp: 'prodvor-web',
    aud: audienceOverride ?? audience,
    ...realmClaims(claims),
  });

  const sign = async (
    claims: Partial<RealmClaims>,
    opts: MintOptions = {},
    key: CryptoKey = privateKey,
  ): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = opts.expiresIn ?? 300;
    const jwt = new SignJWT(payload(claims, opts.audience))
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid })
      .setIssuer(opts.issuer ?? issuer)
      .setJti(randomUUID());
    if (typeof expiresIn === 'number') {
      jwt.setIssuedAt(Math.min(now, now + expiresIn - 60)).setExpirationTime(now + expiresIn);
    } else {
      jwt.setIssuedAt(now).setExpirationTime(expiresIn);
    }
    return jwt.sign(key);
  };

  const unsignedBody = (claims: Partial<RealmClaims>): Record<string, unknown> => ({
    ...payload(claims),
    iss: issuer,
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 300,
  });

  return {
    issuer,
    audience,
    jwksUrl,
    publicJwk,
    mintToken: (claims = {}, opts = {}) => sign(claims, opts),
    unsignedToken: (claims = {}) =>
      `${encodeSegment({ alg: 'none', typ: 'JWT' })}.${encodeSegment(unsignedBody(claims))}.`,
    hs256WithPublicKey: (claims = {}) => {
      // Classic key-confusion attack: HMAC over the token with the public key as the shared secret.
      const input = `${encodeSegment({ alg: 'HS256', typ: 'JWT', kid })}.${encodeSegment(unsignedBody(claims))}`;
      return `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`;
    },
    expiredToken: (claims = {}) => sign(claims, { expiresIn: -120 }),
    wrongIssuerToken: (claims = {}) => sign(claims, { issuer: 'http://127.0.0.1:1/realms/evil' }),
    badSignatureToken: (claims = {}) => sign(claims, {}, other.privateKey),
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
