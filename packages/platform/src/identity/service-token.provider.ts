import type { Registry } from 'prom-client';
import { z } from 'zod';
import { createCallPolicy, type CallPolicy } from '../resilience/call-policy';
import { RenewingToken, type IssuedToken } from './renewing-token';

export interface ServiceTokenOptions {
  /** The realm's token endpoint, e.g. `<issuer>/protocol/openid-connect/token`. */
  tokenUrl: string;
  /** The confidential client with a service account (e.g. `prodvor-chat-service`). */
  clientId: string;
  clientSecret: string;
  /** Per attempt of a token request (default 3000 ms; one retry). */
  timeoutMs?: number;
  /** A token is renewed this long before it expires (default 30 s). */
  refreshBeforeExpiryMs?: number;
  registry?: Registry;
  /** The current time in ms (tests); defaults to `Date.now`. */
  now?: () => number;
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().regex(/^bearer$/i),
});

/** The realm refused the client (wrong secret, client disabled): retrying does not help, the breaker is spared. */
export class ServiceTokenRefusedError extends Error {
  override readonly name = 'ServiceTokenRefusedError';
}

/**
 * Access tokens of a service's own Keycloak service account (OAuth 2.0 client credentials grant), for
 * calls to another service that must know which service calls, never as which user. A token is cached
 * until shortly before it expires; concurrent callers share one request (single flight); requests go
 * through a call policy (timeout, one retry, circuit breaker, metrics as `<clientId>-token`).
 */
export class ServiceTokenProvider {
  private readonly renewing: RenewingToken;
  private readonly policy: CallPolicy;
  private readonly now: () => number;

  constructor(private readonly options: ServiceTokenOptions) {
    this.now = options.now ?? Date.now;
    this.renewing = new RenewingToken(() => this.fetchToken(), this.now);
    this.policy = createCallPolicy({
      name: `${options.clientId}-token`,
      timeoutMs: options.timeoutMs ?? 3_000,
      retries: 1,
      breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
      registry: options.registry,
      isFailure: (error) => !(error instanceof ServiceTokenRefusedError),
    });
  }

  /** A valid access token (cached, or fetched now). */
  token(): Promise<string> {
    return this.renewing.get();
  }

  /** Forgets the cached token (e.g. after the callee answered 401 to it). */
  invalidate(): void {
    this.renewing.invalidate();
  }

  private async fetchToken(): Promise<IssuedToken> {
    const { tokenUrl, clientId, clientSecret } = this.options;
    const answer = await this.policy.execute(async (signal) => {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          // RFC 6749 §2.3.1: form-encode id and secret, then Basic.
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        signal,
      });
      const body = await response.text();
      if (response.status === 400 || response.status === 401)
        throw new ServiceTokenRefusedError(`${clientId}: the token endpoint refused the client (${response.status})`);
      if (response.status !== 200) throw new Error(`${clientId}: the token endpoint answered ${response.status}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        // reported below
      }
      const result = tokenAnswer.safeParse(parsed);
      if (!result.success) throw new Error(`${clientId}: the token endpoint answered something that is not a token`);
      return result.data;
    });
    const lifetimeMs = answer.expires_in * 1000;
    const margin = Math.min(this.options.refreshBeforeExpiryMs ?? 30_000, lifetimeMs / 2);
    return { token: answer.access_token, renewAt: this.now() + lifetimeMs - margin };
  }
}

/** `<issuer>/protocol/openid-connect/token` unless a token URL is configured (compose: the internal address). */
export function tokenUrlFor(issuer: string, tokenUrl?: string): string {
  return tokenUrl ?? `${issuer.replace(/\/$/, '')}/protocol/openid-connect/token`;
}
