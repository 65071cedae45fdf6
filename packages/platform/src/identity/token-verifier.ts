import { Inject, Injectable } from '@nestjs/common';
import type { JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { DomainError, PlatformErrorCode } from '../errors/domain-error';
import { userFromClaims, type AuthenticatedUser } from './authenticated-user';
import {
  DEFAULT_ALLOWED_CLIENTS,
  DEFAULT_JWKS_CACHE_MAX_AGE_MS,
  IDENTITY_OPTIONS,
  jwksUrlFor,
  type IdentityOptions,
} from './identity.options';
import { loadJose } from './jose-loader';

/** The realm's keys could not be fetched: the token was never judged, so the answer is 503, not 401. */
class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
}

/**
 * The JWKS fetch given to jose: every way of not getting a key set (refused, reset, timed out, a non-200
 * such as a proxy's 502, a body that is not a key set) becomes one error, so only a token that was
 * checked against real keys can be answered 401.
 */
async function fetchKeys(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, init);
    body = await response.text();
  } catch (cause) {
    throw new KeysUnavailableError(`JWKS fetch failed: ${(cause as Error).message}`, { cause });
  }
  if (response.status !== 200) throw new KeysUnavailableError(`JWKS answered HTTP ${response.status}`);
  let keys: unknown;
  try {
    keys = (JSON.parse(body) as { keys?: unknown }).keys;
  } catch {
    // reported below
  }
  if (!Array.isArray(keys) || !keys.every((key) => key && typeof key === 'object'))
    throw new KeysUnavailableError('JWKS answered something that is not a key set');
  return new Response(body, { status: 200, headers: response.headers });
}

export function unauthenticated(detail: string, code: string = PlatformErrorCode.UNAUTHENTICATED): DomainError {
  return new DomainError(code, 401, detail);
}

/** Keycloak's `typ` of an access token; refresh tokens say `Refresh`, ID tokens `ID`, logout tokens `Logout`. */
const ACCESS_TOKEN_TYPE = 'Bearer';

/**
 * Verifies realm access tokens: RS256 only (no `none`, no HMAC key confusion), signature against the
 * realm JWKS (fetched once, cached for `jwksCacheMaxAgeMs` and refreshed by jose on unknown `kid`),
 * issuer, audience, expiry, the token type (an access token, never a refresh or ID token) and the
 * client it was issued to (`azp` among the allowed clients). The only source of identity for the HTTP
 * guard and Socket.IO handshakes.
 */
@Injectable()
export class TokenVerifier {
  private jwks?: JWTVerifyGetKey;

  constructor(@Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions) {}

  async verify(token: string): Promise<AuthenticatedUser> {
    const { createRemoteJWKSet, customFetch, errors: joseErrors, jwtVerify } = await loadJose();
    this.jwks ??= createRemoteJWKSet(new URL(jwksUrlFor(this.options)), {
      cooldownDuration: 30_000,
      cacheMaxAge: this.options.jwksCacheMaxAgeMs ?? DEFAULT_JWKS_CACHE_MAX_AGE_MS,
      timeoutDuration: this.options.jwksTimeoutMs ?? 5_000,
      [customFetch]: fetchKeys,
    });
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated('Access token has expired', PlatformErrorCode.TOKEN_EXPIRED);
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw unauthenticated(`Access token rejected: ${error.claim} claim is not valid`);
      if (error instanceof joseErrors.JOSEAlgNotAllowed) throw unauthenticated('Access token algorithm is not allowed');
      if (error instanceof KeysUnavailableError || error instanceof joseErrors.JWKSTimeout) {
        throw new DomainError(PlatformErrorCode.DEPENDENCY_UNAVAILABLE, 503, 'Identity provider keys are unavailable');
      }
      throw unauthenticated('Access token is invalid');
    }
    // Keycloak's refresh and ID tokens are signed by the same key for the same issuer; an ID token even
    // carries the client as `aud`. Only an access token identifies a caller to an API.
    if (payload.typ !== undefined && payload.typ !== ACCESS_TOKEN_TYPE)
      throw unauthenticated('Access token rejected: typ claim is not valid (not an access token)');
    const allowed = this.options.allowedClients ?? DEFAULT_ALLOWED_CLIENTS;
    if (typeof payload.azp !== 'string' || !allowed.includes(payload.azp))
      throw unauthenticated('Access token rejected: azp claim is not valid (not a client of this API)');
    const user = userFromClaims(payload);
    if (!user) throw unauthenticated('Access token has no subject');
    return user;
  }
}
