import { unauthenticated, type AuthenticatedUser } from '@prodvor/platform';
import type { CallerHeaders } from './tournament-service.client';

type IncomingHeaders = Record<string, string | string[] | undefined>;

function single(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value?.trim() || undefined;
}

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
 * The identity headers to forward so tournament-service answers as it would answer the caller:
 * the bearer token when the request carried one (tournament-service verifies it itself), otherwise
 * the gateway's `X-Authenticated-Userid` + `X-Userinfo`. The identity guard prefers the gateway
 * headers when both are present, so a bearer for somebody else than the authenticated caller is
 * refused instead of being forwarded.
 */
export function forwardedIdentity(headers: IncomingHeaders, caller: AuthenticatedUser): CallerHeaders {
  const authorization = single(headers, 'authorization');
  const bearer = authorization && /^Bearer (\S+)$/.exec(authorization)?.[1];
  if (bearer) {
    if (bearerSubject(bearer) !== caller.id)
      throw unauthenticated('The bearer token does not belong to the authenticated caller');
    return { authorization: `Bearer ${bearer}` };
  }
  const userId = single(headers, 'x-authenticated-userid');
  const userinfo = single(headers, 'x-userinfo');
  if (userId && userinfo) return { 'x-authenticated-userid': userId, 'x-userinfo': userinfo };
  throw unauthenticated('No identity to read tournaments with');
}
