import type { IncomingMessage } from 'node:http';
import type { JwtSettings } from './kong-config';

import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };

type Jose = typeof JoseModule;
// jose 6 is ESM only; this CommonJS package loads it with a dynamic import.
let jose: Promise<Jose> | undefined;
const loadJose = (): Promise<Jose> => (jose ??= import('jose'));

export class TokenRejected extends Error {}

/** The audience realm tokens carry for the ProDvor API (the realm's `prodvor-api` client scope). */
export const API_AUDIENCE = 'prodvor-api';

export interface VerifiedToken {
  sub: string;
  payloadJson: string;
}

/** Collects candidate tokens the way Kong's jwt plugin does (query params, cookies, headers). */
export function collectTokens(req: IncomingMessage, url: URL, settings: JwtSettings): Set<string> {
  const tokens = new Set<string>();
  for (const name of settings.uriParamNames) {
    for (const value of url.searchParams.getAll(name)) if (value) tokens.add(value);
  }
  if (settings.cookieNames.length > 0 && req.headers.cookie) {
    for (const part of req.headers.cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (settings.cookieNames.includes(name) && rest.join('=')) tokens.add(rest.join('='));
    }
  }
  // rawHeaders keeps repeated headers that Node would otherwise collapse or drop (Authorization).
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    if (!settings.headerNames.includes(raw[i].toLowerCase())) continue;
    const match = /^\s*[Bb]earer\s+(.+)$/.exec(raw[i + 1]);
    if (match && match[1].trim()) tokens.add(match[1].trim());
  }
  return tokens;
}

/** Verifies RS256 realm tokens against the JWKS; the issuer must be one of kong.yaml's jwt secret keys. */
export async function createTokenVerifier(
  jwksUrl: string,
  issuers: string[],
  claimsToVerify: string[],
): Promise<(token: string) => Promise<VerifiedToken>> {
  const { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } = await loadJose();
  const jwks = createRemoteJWKSet(new URL(jwksUrl));
  return async (token) => {
    let iss: unknown;
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
      iss = decodeJwt(token).iss;
    } catch {
      throw new TokenRejected('Bad token; invalid JSON');
    }
    if (typeof iss !== 'string' || !issuers.includes(iss))
      throw new TokenRejected("No credentials found for given 'iss'");
    if (alg !== 'RS256') throw new TokenRejected('Invalid algorithm');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        issuer: iss,
        requiredClaims: claimsToVerify.includes('exp') ? ['exp'] : [],
        clockTolerance: 0,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') throw new TokenRejected('token expired');
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
        throw new TokenRejected('Invalid signature');
      }
      throw new TokenRejected('Unauthorized');
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new TokenRejected('Unauthorized');
    // Mirrors the audience check in kong.yaml's function plugin (the OSS jwt plugin has none).
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(API_AUDIENCE)) throw new TokenRejected('Unauthorized');
    const payloadJson = Buffer.from(token.split('.')[1], 'base64url').toString('utf8');
    return { sub: payload.sub, payloadJson };
  };
}
