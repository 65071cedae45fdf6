import { Inject, Injectable } from '@nestjs/common';
import { type AccountActor, AppConfig, Clock, EventPublisher, IdGenerator } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { EmailInUseError, IDENTITY_ADMIN, type AddressHolder, type IdentityAdmin } from '../keycloak/identity-admin';
import { ProfilesRepository } from '../profiles/profiles.repository';
import { ProfilesService } from '../profiles/profiles.service';
import { AccountEmailsPublisher } from './account-emails.publisher';
import type { EmailVerifiedDto, VerificationSentDto } from './dto/email-verification.dto';
import { EmailVerificationErrors } from './email-verification.errors';
import { EmailVerificationRepository, type VerificationPurpose } from './email-verification.repository';
import { VerificationTokens } from './verification-tokens';

const HOUR_MS = 3_600_000;

/** What a request's e-mail will be, decided before its transaction (it asks Keycloak who has the address). */
export interface VerificationPlan {
  userId: string;
  email: string;
  purpose: Exclude<VerificationPurpose, 'suppressed'>;
  holderId?: string;
}

/**
 * Proving an address. Keycloak holds an address only once it is verified: a sign-up or a resend records a
 * request here and e-mails the address either a link (nobody has it) or, when another account has it, a
 * notice to its owner — the caller's answer is the same either way. Opening the link gives the account the
 * address in Keycloak (`emailVerified: true`). An address some account holds unverified (made before this
 * rule, or in the Keycloak console) is protected for the verification window after that account was
 * created; later, whoever proves it takes it and that account loses it.
 */
@Injectable()
export class EmailVerificationService {
  private readonly ttlMs: number;

  constructor(
    @Inject(IDENTITY_ADMIN) private readonly identity: IdentityAdmin,
    private readonly requests: EmailVerificationRepository,
    private readonly profiles: ProfilesRepository,
    private readonly profileService: ProfilesService,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly emails: AccountEmailsPublisher,
    private readonly tokens: VerificationTokens,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly config: AppConfig<UserConfig>,
  ) {
    this.ttlMs = config.get('EMAIL_VERIFICATION_TTL_HOURS') * HOUR_MS;
  }

  async plan(userId: string, email: string): Promise<VerificationPlan> {
    const holder = await this.identity.findAccountByEmail(email);
    if (!holder || holder.id === userId || this.isReleased(holder)) return { userId, email, purpose: 'verify' };
    return { userId, email, purpose: 'notice', holderId: holder.id };
  }

  /**
   * In the caller's transaction: records the request and queues its e-mail, unless the address already got
   * `EMAIL_MAILS_PER_ADDRESS_PER_HOUR` of them (then it is recorded as suppressed and nothing is sent, so
   * accounts made in bulk cannot flood someone's mailbox). Every path does the same work.
   */
  async queue(tx: Tx, plan: VerificationPlan, correlationId: string): Promise<void> {
    const now = this.clock.now();
    const sent = await this.requests.countMailsTo(tx, plan.email, new Date(now.getTime() - HOUR_MS));
    const purpose = sent >= this.config.get('EMAIL_MAILS_PER_ADDRESS_PER_HOUR') ? 'suppressed' : plan.purpose;
    const id = this.ids.id();
    await this.requests.insert(tx, {
      id,
      userId: plan.userId,
      email: plan.email,
      purpose,
      ...(plan.holderId ? { holderId: plan.holderId } : {}),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
    });
    if (purpose !== 'suppressed')
      await this.emails.queue(tx, { verificationId: id, userId: plan.userId }, correlationId);
  }

  /** A new link for the signed-in account's address (or, if another account has it, a notice to its owner). */
  async resend(actor: AccountActor): Promise<VerificationSentDto> {
    const profile = await this.profileService.ensureProfile(actor);
    if (profile.emailVerified) throw EmailVerificationErrors.alreadyVerified();
    if (!profile.email) throw EmailVerificationErrors.noEmail();
    const plan = await this.plan(profile.id, profile.email);
    await this.transactions.run((tx) => this.queue(tx, plan, actor.correlationId));
    return { email: profile.email, emailVerification: 'sent' };
  }

  async verify(token: string, correlationId: string): Promise<EmailVerifiedDto> {
    const hash = this.tokens.hashOf(token);
    const request = hash ? await this.requests.findByTokenHash(hash) : null;
    if (!request || request.purpose !== 'verify') throw EmailVerificationErrors.invalid();
    if (request.usedAt) throw EmailVerificationErrors.used();
    const now = this.clock.now();
    if (request.expiresAt <= now) throw EmailVerificationErrors.expired();
    const profile = await this.profiles.findById(request.userId);
    if (!profile) throw EmailVerificationErrors.invalid();

    const { userId, email } = request;
    const holder = await this.identity.findAccountByEmail(email);
    let releasedFrom: string | undefined;
    if (holder && holder.id !== userId) {
      if (!this.isReleased(holder)) throw EmailVerificationErrors.emailInUse();
      // Whoever opened a link sent to the address controls it; the account that never proved it loses it.
      await this.identity.removeEmail(holder.id);
      releasedFrom = holder.id;
    }
    await this.transactions.run(async (tx) => {
      if (!(await this.requests.claimUse(tx, request.id, now))) throw EmailVerificationErrors.used();
      await this.requests.retireOthers(tx, userId, request.id, now);
      await this.profiles.markEmailVerified(tx, userId, email, now);
      if (releasedFrom) await this.profiles.dropUnverifiedEmail(tx, releasedFrom, email, now);
      await this.events.publish(tx, 'user.email_verified', { userId, email }, correlationId);
      // Last, so a refusal (another account verified the address meanwhile) rolls all of this back.
      await this.identity.setVerifiedEmail(userId, email).catch((error: unknown) => {
        throw error instanceof EmailInUseError ? EmailVerificationErrors.emailInUse() : error;
      });
    });
    return { username: profile.username, email, emailVerified: true };
  }

  /** An address held unverified beyond the window no longer protects its holder. */
  private isReleased(holder: AddressHolder): boolean {
    return !holder.emailVerified && holder.createdAt.getTime() + this.ttlMs <= this.clock.now().getTime();
  }
}
