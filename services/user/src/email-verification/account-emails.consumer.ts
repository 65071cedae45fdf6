import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { accountEmailSendData, eventEnvelopeSchema, Queues } from '@prodvor/contracts';
import { AppConfig, RabbitMqService } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import { AccountEmailDeliveryService } from './account-email-delivery.service';

const accountEmailEnvelope = eventEnvelopeSchema('account.email.send', accountEmailSendData);

/**
 * Consumes `user.account-emails`. A job that does not match the contract is dead-lettered at once; one whose
 * e-mail keeps failing is parked on `user.account-emails.dlq` after the bounded attempts.
 */
@Injectable()
export class AccountEmailsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly delivery: AccountEmailDeliveryService,
    private readonly config: AppConfig<UserConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rabbit.jobs.subscribe({
      queue: Queues.userAccountEmails,
      schema: accountEmailEnvelope,
      maxAttempts: this.config.get('NOTIFICATION_MAX_ATTEMPTS'),
      handle: (envelope) => this.delivery.deliver(envelope.data),
    });
  }
}
