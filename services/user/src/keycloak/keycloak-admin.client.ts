import { Injectable, Optional } from '@nestjs/common';
import {
  AppConfig,
  createCallPolicy,
  DomainError,
  MetricsService,
  PlatformErrorCode,
  type CallPolicy,
} from '@prodvor/platform';
import type KeycloakAdminApi from '@keycloak/keycloak-admin-client' with { 'resolution-mode': 'import' };
import type { UserConfig } from '../config/user.config';
import {
  AccountConflictError,
  EmailInUseError,
  PasswordRejectedError,
  type AddressHolder,
  type IdentityAdmin,
  type NewAccount,
} from './identity-admin';

type KcAdmin = KeycloakAdminApi;

/** Service-account tokens live 5 minutes in the realm; renew well before. */
const TOKEN_REFRESH_MS = 60_000;

function statusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: unknown } } | null)?.response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

function isRefusal(error: unknown): boolean {
  return (
    error instanceof AccountConflictError || error instanceof EmailInUseError || error instanceof PasswordRejectedError
  );
}

/**
 * Keycloak answered and refused (a taken username, a rejected password, an unknown user): that is no
 * sign of an unhealthy Keycloak, so it must not open the circuit for every other caller. 408 and 429
 * do say it is struggling.
 */
function isKeycloakFailure(error: unknown): boolean {
  if (isRefusal(error)) return false;
  const status = statusOf(error);
  return status === undefined || status >= 500 || status === 408 || status === 429;
}

/**
 * The only code that talks to Keycloak: `@keycloak/keycloak-admin-client` authenticated with the
 * user-service client's service account. Every call goes through one call policy (timeout per call,
 * circuit breaker, metrics). No retries: creating an account is not idempotent, and a caller that
 * times out is told so (503) rather than risking a second account.
 */
@Injectable()
export class KeycloakAdminClient implements IdentityAdmin {
  private readonly policy: CallPolicy;
  private client?: Promise<KcAdmin>;
  private authenticatedAt = 0;
  private readonly roleIds = new Map<string, string>();

  constructor(
    private readonly config: AppConfig<UserConfig>,
    @Optional() metrics?: MetricsService,
  ) {
    this.policy = createCallPolicy({
      name: 'keycloak-admin',
      timeoutMs: config.get('KEYCLOAK_TIMEOUT_MS'),
      retries: 0,
      breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
      registry: metrics?.registry,
      isFailure: isKeycloakFailure,
    });
  }

  createAccount(input: NewAccount): Promise<string> {
    return this.call(async (admin) => {
      let id: string;
      try {
        ({ id } = await admin.users.create({ username: input.username, enabled: true, emailVerified: false }));
      } catch (error) {
        if (statusOf(error) === 409) throw new AccountConflictError();
        throw error;
      }
      try {
        await admin.users.resetPassword({
          id,
          credential: { type: 'password', value: input.password, temporary: false },
        });
        await admin.users.addRealmRoleMappings({
          id,
          roles: [{ id: await this.roleId(admin, 'player'), name: 'player' }],
        });
      } catch (error) {
        // The account is useless without its password: remove it rather than leave an orphan.
        await admin.users.del({ id }).catch(() => undefined);
        if (statusOf(error) === 400) throw new PasswordRejectedError();
        throw error;
      }
      return id;
    });
  }

  deleteAccount(userId: string): Promise<void> {
    return this.call(async (admin) => {
      try {
        await admin.users.del({ id: userId });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    });
  }

  accountExists(userId: string): Promise<boolean> {
    return this.call(async (admin) => Boolean(await admin.users.findOne({ id: userId })));
  }

  findAccountByEmail(email: string): Promise<AddressHolder | undefined> {
    return this.call(async (admin) => {
      const [user] = await admin.users.find({ email, exact: true, briefRepresentation: true, max: 2 });
      if (!user?.id || user.email?.toLowerCase() !== email.toLowerCase()) return undefined;
      return {
        id: user.id,
        username: user.username ?? '',
        emailVerified: user.emailVerified === true,
        createdAt: new Date(user.createdTimestamp ?? 0),
      };
    });
  }

  setVerifiedEmail(userId: string, email: string): Promise<void> {
    return this.call(async (admin) => {
      try {
        await admin.users.update({ id: userId }, { email, emailVerified: true });
      } catch (error) {
        if (statusOf(error) === 409) throw new EmailInUseError();
        throw error;
      }
    });
  }

  removeEmail(userId: string): Promise<void> {
    // An empty string removes the attribute (undefined would leave it unchanged).
    return this.call(async (admin) => admin.users.update({ id: userId }, { email: '', emailVerified: false }));
  }

  grantRealmRole(userId: string, role: string): Promise<void> {
    return this.call(async (admin) =>
      admin.users.addRealmRoleMappings({ id: userId, roles: [{ id: await this.roleId(admin, role), name: role }] }),
    );
  }

  revokeRealmRole(userId: string, role: string): Promise<void> {
    return this.call(async (admin) =>
      admin.users.delRealmRoleMappings({ id: userId, roles: [{ id: await this.roleId(admin, role), name: role }] }),
    );
  }

  private async roleId(admin: KcAdmin, name: string): Promise<string> {
    const known = this.roleIds.get(name);
    if (known) return known;
    const role = await admin.roles.findOneByName({ name });
    if (!role?.id) throw new Error(`realm role ${name} does not exist`);
    this.roleIds.set(name, role.id);
    return role.id;
  }

  private async call<T>(work: (admin: KcAdmin) => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(async () => work(await this.authenticated()));
    } catch (error) {
      if (error instanceof DomainError || isRefusal(error)) throw error;
      const status = statusOf(error);
      // Unreachable, or failing on its side: the caller gets 503 and may retry later.
      if (status === undefined || status >= 500) {
        throw new DomainError(PlatformErrorCode.DEPENDENCY_UNAVAILABLE, 503, 'Identity provider is unavailable');
      }
      throw error;
    }
  }

  private async authenticated(): Promise<KcAdmin> {
    this.client ??= import('@keycloak/keycloak-admin-client').then(
      ({ default: Client }) =>
        new Client({ baseUrl: this.config.get('KEYCLOAK_URL'), realmName: this.config.get('KEYCLOAK_REALM') }),
    );
    const admin = await this.client;
    if (Date.now() - this.authenticatedAt > TOKEN_REFRESH_MS) {
      await admin.auth({
        grantType: 'client_credentials',
        clientId: this.config.get('KEYCLOAK_CLIENT_ID'),
        clientSecret: this.config.get('KEYCLOAK_CLIENT_SECRET'),
      });
      this.authenticatedAt = Date.now();
    }
    return admin;
  }
}
