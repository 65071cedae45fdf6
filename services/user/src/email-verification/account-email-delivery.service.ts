import { Injectable, Logger } from '@nestjs/common';
import type { AccountEmailSend } from '@prodvor/contracts';
import { AppConfig, Clock } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import type { Profile } from '../profiles/profile.model';
import type { EmailVerification } from './email-verification.model';
import { EmailChannel, type AccountMail } from '../notifications/email.channel';
import { ProfilesRepository } from '../profiles/profiles.repository';
import { signupNoticeText, verifyEmailText } from './account-email.texts';
import { EmailVerificationRepository } from './email-verification.repository';
import { VerificationTokens } from './verification-tokens';

/**
 * Sends the e-mail of one `account.email.send` job through the e-mail channel. A link's token is made here,
 * at sending time, and only its hash is stored. At most once per request: the send is claimed first, a failed
 * send gives the claim back and throws (the job is retried, then parked on the dead-letter queue), and a
 * crash between claim and send loses that e-mail (the user asks for another one), never doubles it.
 */
@Injectable()
export class AccountEmailDeliveryService {
  private readonly logger = new Logger(AccountEmailDeliveryService.name);

  constructor(
    private readonly requests: EmailVerificationRepository,
    private readonly profiles: ProfilesRepository,
    private readonly email: EmailChannel,
    private readonly tokens: VerificationTokens,
    private readonly clock: Clock,
    private readonly config: AppConfig<UserConfig>,
  ) {}

  async deliver(job: AccountEmailSend): Promise<void> {
    const request = await this.requests.findById(job.verificationId);
    const now = this.clock.now();
    // Gone with its account, already used, or too old to be of use.
    if (!request || request.usedAt || request.purpose === 'suppressed' || request.expiresAt <= now) return;
    const account = await this.profiles.findById(request.userId);
    if (!account) return;
    if (!this.email.enabled) {
      this.logger.warn(
        { userId: request.userId, verificationId: request.id },
        'SMTP_URL unset: account e-mail not sent',
      );
      return;
    }
    const prepared = request.purpose === 'verify' ? this.link(request, account) : await this.notice(request, account);
    if (!(await this.requests.claimSend(request.id, prepared.tokenHash, now))) return;
    try {
      await this.email.sendAccountEmail(prepared.mail);
    } catch (error) {
      await this.requests.releaseSend(request.id);
      throw error;
    }
  }

  private link(request: EmailVerification, account: Profile): { mail: AccountMail; tokenHash: string } {
    const { token, hash } = this.tokens.issue();
    const url = new URL(this.config.get('EMAIL_VERIFICATION_URL'));
    url.searchParams.set('token', token);
    const text = verifyEmailText(account.locale, {
      username: account.username,
      email: request.email,
      link: url.toString(),
      token,
      validHours: this.config.get('EMAIL_VERIFICATION_TTL_HOURS'),
    });
    return { mail: this.mail(request, 'verify-email', text, account.displayName), tokenHash: hash };
  }

  /** To the owner of the address: in their language when user-service knows their profile. */
  private async notice(request: EmailVerification, account: Profile): Promise<{ mail: AccountMail; tokenHash: null }> {
    const holder = request.holderId ? await this.profiles.findById(request.holderId) : null;
    const text = signupNoticeText(holder?.locale ?? account.locale, {
      email: request.email,
      ...(holder ? { holderUsername: holder.username } : {}),
    });
    return { mail: this.mail(request, 'signup-notice', text, holder?.displayName), tokenHash: null };
  }

  private mail(
    request: EmailVerification,
    kind: string,
    text: { subject: string; text: string },
    name?: string,
  ): AccountMail {
    return {
      to: request.email,
      ...(name ? { name } : {}),
      ...text,
      headers: { 'X-ProDvor-Account-Email': kind, 'X-ProDvor-Request-Id': request.id },
    };
  }
}
