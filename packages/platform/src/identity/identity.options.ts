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
  /**
   * Realm clients whose access tokens the services accept (`azp`); default `DEFAULT_ALLOWED_CLIENTS`.
   * A token the realm issued to any other client (the user-service's admin service account, a dev-only
   * client in production) is refused.
   */
  allowedClients?: readonly string[];
  /**
   * Longest time a fetched key set is trusted without asking the realm again (default 5 minutes): a key
   * removed from the realm keeps verifying tokens at most this long (AUTH_IMPLEMENTATION.md, "Key rotation").
   */
  jwksCacheMaxAgeMs?: number;
}

/**
 * The clients of `keycloak/realm-prodvor.json` that call the API: the web and mobile apps (users) and
 * chat-service's service account (moderation). `prodvor-user-service` only talks to Keycloak's Admin API.
 */
export const DEFAULT_ALLOWED_CLIENTS: readonly string[] = ['prodvor-web', 'prodvor-mobile', 'prodvor-chat-service'];

/** Default of `jwksCacheMaxAgeMs` (`OIDC_JWKS_CACHE_MAX_AGE_MS`). */
export const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 300_000;

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export function jwksUrlFor(options: IdentityOptions): string {
  return options.jwksUrl ?? `${options.issuer.replace(/\/$/, '')}/protocol/openid-connect/certs`;
}
