import { unauthenticated, type Actor } from '@prodvor/platform';

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
 * The caller's own `Authorization` to forward to ai-service (which verifies it itself). The identity
 * guard already verified this very token; the subject check guards against identity read elsewhere.
 */
export function forwardedAuthorization(authorization: string | undefined, actor: Actor): string {
  const bearer = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization.trim())?.[1] : undefined;
  if (!bearer) throw unauthenticated('No access token to call the balancer with');
  if (bearerSubject(bearer) !== actor.userId)
    throw unauthenticated('The bearer token does not belong to the authenticated caller');
  return `Bearer ${bearer}`;
}
