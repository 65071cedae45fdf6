/** Account operations user-service performs in the identity provider (Keycloak's Admin API). */
export interface IdentityAdmin {
  /**
   * Creates an enabled account with the password and the `player` role, and no e-mail address: an address
   * is written only once it is verified (`setVerifiedEmail`). Returns its id.
   */
  createAccount(input: NewAccount): Promise<string>;
  /** Deletes the account; an account that no longer exists counts as deleted. */
  deleteAccount(userId: string): Promise<void>;
  accountExists(userId: string): Promise<boolean>;
  grantRealmRole(userId: string, role: string): Promise<void>;
  revokeRealmRole(userId: string, role: string): Promise<void>;
  /** The account that has this address (addresses are unique in the realm), if any. */
  findAccountByEmail(email: string): Promise<AddressHolder | undefined>;
  /** Gives the account this address, verified. EmailInUseError when another account has it. */
  setVerifiedEmail(userId: string, email: string): Promise<void>;
  /** Takes the address away from the account (it keeps its username, password and roles). */
  removeEmail(userId: string): Promise<void>;
}

export interface NewAccount {
  username: string;
  password: string;
}

export interface AddressHolder {
  id: string;
  username: string;
  emailVerified: boolean;
  createdAt: Date;
}

export const IDENTITY_ADMIN = Symbol('IDENTITY_ADMIN');

/** The username is taken. */
export class AccountConflictError extends Error {
  constructor() {
    super('account already exists');
    this.name = 'AccountConflictError';
  }
}

/** Another account has the address. */
export class EmailInUseError extends Error {
  constructor() {
    super('e-mail address belongs to another account');
    this.name = 'EmailInUseError';
  }
}

/** The identity provider refused the password (its policy). */
export class PasswordRejectedError extends Error {
  constructor() {
    super('password rejected by the identity provider policy');
    this.name = 'PasswordRejectedError';
  }
}
