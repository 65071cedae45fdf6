/** Who is calling, as established by a verified access token (never by claims headers). */
export interface AuthenticatedUser {
  id: string;
  username: string;
  email?: string;
  roles: string[];
  claims: Record<string, unknown>;
}

export const REALM_ROLES = ['player', 'organizer', 'moderator', 'admin'] as const;
export type RealmRole = (typeof REALM_ROLES)[number];

export function userFromClaims(claims: Record<string, unknown>): AuthenticatedUser | undefined {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const realmAccess = claims.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realmAccess?.roles)
    ? realmAccess.roles.filter((role): role is string => typeof role === 'string')
    : [];
  const username = typeof claims.preferred_username === 'string' ? claims.preferred_username : sub;
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  return { id: sub, username, email, roles, claims };
}
