import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUniqueViolation } from '../database/prisma-errors';
import { TransactionRunner } from '../database/transaction-runner';
import {
  AccountConflictError,
  IDENTITY_ADMIN,
  PasswordRejectedError,
  type IdentityAdmin,
} from '../keycloak/identity-admin';
import { ProfilesService } from '../profiles/profiles.service';
import type { RegisterDto, RegisteredDto } from './dto/register.dto';
import { passwordProblems } from './password-policy';
import { RegistrationErrors } from './registration.errors';

/**
 * Registration: the account in Keycloak first (it owns credentials and uniqueness), then the
 * profile and its `user.registered` event in one transaction. If that write fails the account is
 * deleted again, so no identity exists without a profile.
 */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    @Inject(IDENTITY_ADMIN) private readonly identity: IdentityAdmin,
    private readonly profiles: ProfilesService,
    private readonly transactions: TransactionRunner,
  ) {}

  async register(dto: RegisterDto, correlationId: string): Promise<RegisteredDto> {
    const problems = passwordProblems(dto.password, dto.username, dto.email);
    if (problems.length) {
      throw RegistrationErrors.weakPassword(problems.map((message) => ({ field: 'password', message })));
    }
    let userId: string;
    try {
      userId = await this.identity.createAccount({ username: dto.username, email: dto.email, password: dto.password });
    } catch (error) {
      if (error instanceof AccountConflictError) throw RegistrationErrors.alreadyExists();
      if (error instanceof PasswordRejectedError) {
        throw RegistrationErrors.weakPassword([{ field: 'password', message: 'rejected by the password policy' }]);
      }
      throw error;
    }
    try {
      const created = await this.transactions.run((tx) =>
        this.profiles.createProfile(tx, userId, dto.username, dto.email, correlationId),
      );
      if (!created) throw RegistrationErrors.alreadyExists();
    } catch (error) {
      await this.compensate(userId, correlationId);
      if (isUniqueViolation(error)) throw RegistrationErrors.alreadyExists();
      throw error;
    }
    return { id: userId, username: dto.username, email: dto.email };
  }

  private async compensate(userId: string, correlationId: string): Promise<void> {
    try {
      await this.identity.deleteAccount(userId);
    } catch (error) {
      // Left for an operator: the account exists without a profile (a login would create it just in time).
      this.logger.error({ err: error, userId, correlationId }, 'orphaned account after a failed registration');
    }
  }
}
