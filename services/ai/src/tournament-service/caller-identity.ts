import { forwardedBearer, type AuthenticatedUser } from '@prodvor/platform';
import type { CallerHeaders } from './tournament-service.client';

type IncomingHeaders = Record<string, string | string[] | undefined>;

/**
 * The headers to call tournament-service with, so it answers as it would answer the caller: only the
 * caller's own bearer token, never the gateway's claims headers (services trust only a verified token).
 */
export function forwardedIdentity(headers: IncomingHeaders, caller: AuthenticatedUser): CallerHeaders {
  return { authorization: forwardedBearer(headers.authorization, caller.id, 'read tournaments with') };
}
