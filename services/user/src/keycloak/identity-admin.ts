/** Account operations user-service performs in the identity provider (Keycloak's Admin API). */
export interface IdentityAdmin {
  /** Creates an enabled account with the password and the `player` role; returns its id. */
  createAccount(input: NewAccount): Promise<string>;
  /** Deletes the account; an account that no longer exists counts as deleted. */
  deleteAccount(userId: string): Promise<void>;
  accountExists(userId: string): Promise<boolean>;
  grantRealmRole(userId: string, role: string): Promise<void>;
  revokeRealmRole(userId: string, role: string): Promise<void>;
}

export interface NewAccount {
  username: string;
  email: string;
  password: string;
}

export const IDENTITY_ADMIN = Symbol('IDENTITY_ADMIN');

/** The username or e-mail is taken. */
export class AccountConflictError extends Error {
  constructor() {
    super('account already exists');
    this.name = 'AccountConflictError';
  }
}

/** The identity provider refused the password (its policy). */
export class PasswordRejectedError extends Error {
  constructor() {
    super('password rejected by the identity provider policy');
    this.name = 'PasswordRejectedError';
  }
}
