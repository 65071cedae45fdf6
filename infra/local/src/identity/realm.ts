import { readFileSync } from 'node:fs';

export interface RealmClient {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  standardFlowEnabled?: boolean;
}

export interface RealmUserSeed {
  id?: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  password?: string;
  realmRoles?: string[];
  serviceAccountClientId?: string;
  clientRoles?: Record<string, string[]>;
}

export interface Realm {
  realm: string;
  accessTokenLifespan: number;
  ssoSessionIdleTimeout?: number;
  bruteForceProtected?: boolean;
  failureFactor?: number;
  waitIncrementSeconds?: number;
  maxFailureWaitSeconds?: number;
  passwordPolicy?: string;
  roles: { realm: { name: string; description?: string; composite?: boolean; composites?: { realm?: string[] } }[] };
  defaultRole?: { name: string };
  clients: RealmClient[];
  users?: RealmUserSeed[];
}

/** Replaces `${NAME}` with the environment's value, as Keycloak's import does. */
export function substitutePlaceholders(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => env[name] ?? whole);
}

export function loadRealm(file: string, env: Record<string, string | undefined> = process.env): Realm {
  return JSON.parse(substitutePlaceholders(readFileSync(file, 'utf8'), env)) as Realm;
}

export function loadUsers(file: string): RealmUserSeed[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { users: RealmUserSeed[] }).users;
}

/** The realm roles a new account gets (the default-roles composite, flattened). */
export function defaultRealmRoles(realm: Realm): string[] {
  const defaultRole = realm.roles.realm.find(
    (r) => r.name === (realm.defaultRole?.name ?? `default-roles-${realm.realm}`),
  );
  return defaultRole?.composites?.realm ?? [];
}
