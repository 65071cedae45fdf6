import { unauthenticated, type AuthenticatedUser } from '@prodvor/platform';
import type { CallerHeaders } from './tournament-service.client';

type IncomingHeaders = Record<string, string | string[] | undefined>;

function bearerSubject(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    const sub = (payload as { sub?: unknown } | null)?.sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The caller's own `Authorization` to forward, so tournament-service answers as it would answer the
 * caller (it verifies the token itself). Nothing else is forwarded: services take identity only from a
 * verified access token, never from the gateway's claims headers. The identity guard already verified
 * this very token; the subject check only guards against a future guard reading identity elsewhere.
 */
export function forwardedIdentity(headers: IncomingHeaders, caller: AuthenticatedUser): CallerHeaders {
  const authorization = headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization.trim())?.[1] : undefined;
  if (!bearer) throw unauthenticated('No access token to read tournaments with');
  if (bearerSubject(bearer) !== caller.id)
    throw unauthenticated('The bearer token does not belong to the authenticated caller');
  return { authorization: `Bearer ${bearer}` };
}
