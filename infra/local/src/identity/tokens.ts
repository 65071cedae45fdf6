import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };
import type { StoredUser } from './user-store';

type Jose = typeof JoseModule;
type JWK = JoseModule.JWK;
type JWTPayload = JoseModule.JWTPayload;
type SigningKeyObject = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];
// jose 6 is ESM only; this CommonJS package loads it with a dynamic import.
let jose: Promise<Jose> | undefined;
const loadJose = (): Promise<Jose> => (jose ??= import('jose'));

export const API_AUDIENCE = 'prodvor-api';

export interface SigningKey {
  kid: string;
  privateKey: SigningKeyObject;
  publicJwk: JWK;
}

/** An RS256 key, kept in `keyFile` when given so restarts do not invalidate issued tokens. */
export async function loadSigningKey(keyFile?: string): Promise<SigningKey> {
  const { exportJWK, generateKeyPair, importJWK } = await loadJose();
  if (keyFile && existsSync(keyFile)) {
    const saved = JSON.parse(readFileSync(keyFile, 'utf8')) as { kid: string; privateJwk: JWK };
    const privateKey = (await importJWK(saved.privateJwk, 'RS256')) as SigningKeyObject;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = saved.privateJwk;
    return { kid: saved.kid, privateKey, publicJwk: { ...publicJwk, kid: saved.kid, alg: 'RS256', use: 'sig' } };
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify({ kid, privateJwk: await exportJWK(privateKey) }), { mode: 0o600 });
  }
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export class TokenIssuer {
  constructor(
    private readonly key: SigningKey,
    readonly issuer: string,
    private readonly accessTokenLifespanSeconds: number,
    private readonly refreshTokenLifespanSeconds: number,
  ) {}

  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }

  /** Keycloak-shaped access token; service accounts also get their `realm-management` roles. */
  async accessToken(user: StoredUser, clientId: string, sessionId: string): Promise<string> {
    const resourceAccess = Object.fromEntries(
      Object.entries(user.clientRoles).map(([client, roles]) => [client, { roles }]),
    );
    const audience = [API_AUDIENCE, ...Object.keys(user.clientRoles)];
    return this.sign(
      {
        typ: 'Bearer',
        azp: clientId,
        sid: sessionId,
        scope: 'openid profile email prodvor-api',
        preferred_username: user.username,
        email: user.email,
        email_verified: user.emailVerified,
        given_name: user.firstName,
        family_name: user.lastName,
        realm_access: { roles: [...user.realmRoles] },
        ...(Object.keys(resourceAccess).length ? { resource_access: resourceAccess } : {}),
      },
      user.id,
      audience.length === 1 ? audience[0] : audience,
      this.accessTokenLifespanSeconds,
    );
  }

  async refreshToken(user: StoredUser, clientId: string, sessionId: string, jti: string): Promise<string> {
    return this.sign(
      { typ: 'Refresh', azp: clientId, sid: sessionId },
      user.id,
      this.issuer,
      this.refreshTokenLifespanSeconds,
      jti,
    );
  }

  async verifyRefresh(token: string): Promise<JWTPayload & { azp: string; sid: string }> {
    const { importJWK, jwtVerify } = await loadJose();
    const publicKey = await importJWK(this.key.publicJwk, 'RS256');
    const { payload } = await jwtVerify(token, publicKey, { issuer: this.issuer, algorithms: ['RS256'] });
    if (payload.typ !== 'Refresh') throw new Error('not a refresh token');
    return payload as JWTPayload & { azp: string; sid: string };
  }

  async verifyAccess(token: string): Promise<JWTPayload & Record<string, unknown>> {
    const { importJWK, jwtVerify } = await loadJose();
    const publicKey = await importJWK(this.key.publicJwk, 'RS256');
    const { payload } = await jwtVerify(token, publicKey, { issuer: this.issuer, algorithms: ['RS256'] });
    if (payload.typ !== 'Bearer') throw new Error('not an access token');
    return payload;
  }

  private async sign(
    claims: Record<string, unknown>,
    subject: string,
    audience: string | string[],
    lifespanSeconds: number,
    jti: string = randomUUID(),
  ): Promise<string> {
    const { SignJWT } = await loadJose();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.key.kid })
      .setIssuer(this.issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${lifespanSeconds}s`)
      .setJti(jti)
      .sign(this.key.privateKey);
  }
}
