import { unauthenticated } from './token-verifier';

function bearerSubject(token: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const sub = (payload as { sub?: unknown } | null)?.sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The caller's own `Authorization: Bearer …` to forward when one service calls another on the caller's
 * behalf (the callee verifies it itself). The identity guard already verified this very token; the
 * subject check guards against a future guard reading identity from somewhere else.
 * `purpose` finishes the refusal's sentence: "No access token to <purpose>".
 */
export function forwardedBearer(
  authorization: string | string[] | undefined,
  callerId: string,
  purpose: string,
): string {
  const bearer = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization.trim())?.[1] : undefined;
  if (!bearer) throw unauthenticated(`No access token to ${purpose}`);
  if (bearerSubject(bearer) !== callerId)
    throw unauthenticated('The bearer token does not belong to the authenticated caller');
  return `Bearer ${bearer}`;
}
