export interface IdentityOptions {
  /** Realm issuer, e.g. `http://localhost:8080/realms/prodvor`. */
  issuer: string;
  /** Expected `aud` of access tokens, e.g. `prodvor-api`. */
  audience: string;
  /** Defaults to `<issuer>/protocol/openid-connect/certs`. */
  jwksUrl?: string;
  /** How long one JWKS fetch may take (default 5000 ms); past it the request answers 503. */
  jwksTimeoutMs?: number;
  /** Allowed clock skew in seconds (default 30). */
  clockToleranceSeconds?: number;
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export function jwksUrlFor(options: IdentityOptions): string {
  return options.jwksUrl ?? `${options.issuer.replace(/\/$/, '')}/protocol/openid-connect/certs`;
}
