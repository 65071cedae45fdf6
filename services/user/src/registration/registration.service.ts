import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { EmailVerificationService } from '../email-verification/email-verification.service';
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
import { isUniqueViolation } from '@prodvor/platform';

/**
 * Registration: the account in Keycloak first (it owns credentials and username uniqueness), without an
 * address; then, in one transaction, the profile with the address still unverified, its `user.registered`
 * event and the e-mail to the address (a verification link, or a notice to its owner when another account
 * has it). Both cases take the same steps and get the same answer, so a sign-up never tells whether an
 * address has an account. If the transaction fails the account is deleted again, so no identity exists
 * without a profile.
 */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    @Inject(IDENTITY_ADMIN) private readonly identity: IdentityAdmin,
    private readonly profiles: ProfilesService,
    private readonly verification: EmailVerificationService,
    private readonly transactions: TransactionRunner,
  ) {}

  async register(dto: RegisterDto, correlationId: string): Promise<RegisteredDto> {
    const problems = passwordProblems(dto.password, dto.username, dto.email);
    if (problems.length) {
      throw RegistrationErrors.weakPassword(problems.map((message) => ({ field: 'password', message })));
    }
    let userId: string;
    try {
      userId = await this.identity.createAccount({ username: dto.username, password: dto.password });
    } catch (error) {
      if (error instanceof AccountConflictError) throw RegistrationErrors.usernameTaken();
      if (error instanceof PasswordRejectedError) {
        throw RegistrationErrors.weakPassword([{ field: 'password', message: 'rejected by the password policy' }]);
      }
      throw error;
    }
    try {
      const plan = await this.verification.plan(userId, dto.email);
      await this.transactions.run(async (tx) => {
        const account = { userId, username: dto.username, email: dto.email, emailVerified: false, locale: dto.locale };
        if (!(await this.profiles.createProfile(tx, account, correlationId))) throw RegistrationErrors.usernameTaken();
        await this.verification.queue(tx, plan, correlationId);
      });
    } catch (error) {
      await this.compensate(userId, correlationId);
      if (isUniqueViolation(error)) throw RegistrationErrors.usernameTaken();
      throw error;
    }
    return { username: dto.username, email: dto.email, emailVerification: 'sent' };
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
