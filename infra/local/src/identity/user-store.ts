import { randomUUID } from 'node:crypto';
import { hashPassword } from './passwords';
import { defaultRealmRoles, type Realm, type RealmUserSeed } from './realm';

export interface StoredUser {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled: boolean;
  emailVerified: boolean;
  createdTimestamp: number;
  passwordHash?: string;
  realmRoles: Set<string>;
  clientRoles: Record<string, string[]>;
  serviceAccountClientId?: string;
  failures: number;
  lockedUntil: number;
}

export class UserConflictError extends Error {}

/** In-memory accounts, for development and tests only. */
export class UserStore {
  private readonly users = new Map<string, StoredUser>();

  constructor(private readonly realm: Realm) {}

  async seed(seeds: RealmUserSeed[]): Promise<void> {
    for (const seed of seeds) {
      const user = this.create({ ...seed, realmRoles: seed.realmRoles });
      if (seed.password) user.passwordHash = await hashPassword(seed.password);
      user.clientRoles = seed.clientRoles ?? {};
      user.serviceAccountClientId = seed.serviceAccountClientId;
    }
  }

  create(input: {
    id?: string;
    username: string;
    email?: string;
    firstName?: string;
    lastName?: string;
    enabled?: boolean;
    emailVerified?: boolean;
    realmRoles?: string[];
  }): StoredUser {
    const username = input.username.toLowerCase();
    if (this.findByUsername(username)) throw new UserConflictError('User exists with same username');
    if (input.email && this.findByEmail(input.email)) throw new UserConflictError('User exists with same email');
    const roles = new Set([...defaultRealmRoles(this.realm), ...(input.realmRoles ?? [])]);
    const user: StoredUser = {
      id: input.id ?? randomUUID(),
      username,
      email: input.email?.toLowerCase(),
      firstName: input.firstName,
      lastName: input.lastName,
      enabled: input.enabled ?? true,
      emailVerified: input.emailVerified ?? false,
      createdTimestamp: Date.now(),
      realmRoles: roles,
      clientRoles: {},
      failures: 0,
      lockedUntil: 0,
    };
    this.users.set(user.id, user);
    return user;
  }

  get(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  delete(id: string): boolean {
    return this.users.delete(id);
  }

  findByUsername(username: string): StoredUser | undefined {
    return [...this.users.values()].find((u) => u.username === username.toLowerCase());
  }

  findByEmail(email: string): StoredUser | undefined {
    return [...this.users.values()].find((u) => u.email === email.toLowerCase());
  }

  findByLogin(login: string): StoredUser | undefined {
    return this.findByUsername(login) ?? this.findByEmail(login);
  }

  serviceAccountOf(clientId: string): StoredUser | undefined {
    return [...this.users.values()].find((u) => u.serviceAccountClientId === clientId);
  }

  search(query: { username?: string; email?: string; search?: string; exact?: boolean }): StoredUser[] {
    const match = (value: string | undefined, wanted: string) =>
      value !== undefined && (query.exact ? value === wanted.toLowerCase() : value.includes(wanted.toLowerCase()));
    return [...this.users.values()]
      .filter((u) => !u.serviceAccountClientId)
      .filter((u) => (query.username ? match(u.username, query.username) : true))
      .filter((u) => (query.email ? match(u.email, query.email) : true))
      .filter((u) =>
        query.search
          ? [u.username, u.email, u.firstName, u.lastName].some((v) =>
              v?.toLowerCase().includes(query.search!.toLowerCase()),
            )
          : true,
      );
  }
}

/** Keycloak's UserRepresentation for a stored user. */
export function representation(user: StoredUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    enabled: user.enabled,
    emailVerified: user.emailVerified,
    createdTimestamp: user.createdTimestamp,
    totp: false,
    requiredActions: [],
  };
}
