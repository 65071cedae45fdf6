import { Injectable } from '@nestjs/common';
import { createEnvelope, envelopeSchemaFor, Exchanges, RoutingKeys } from '@prodvor/contracts';
import { appendJobsToOutbox, Clock } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';

/**
 * `account.email.send` jobs, queued in the transaction that records the request (the platform job outbox):
 * the e-mail goes out if and only if the sign-up or resend commits, and a broker outage delays it.
 */
@Injectable()
export class AccountEmailsPublisher {
  constructor(private readonly clock: Clock) {}

  async queue(tx: Tx, job: { verificationId: string; userId: string }, correlationId: string): Promise<void> {
    const envelope = createEnvelope({
      type: 'account.email.send',
      producer: 'user',
      subject: job.userId,
      correlationId,
      now: this.clock.now(),
      data: job,
    });
    envelopeSchemaFor('account.email.send').parse(envelope);
    await appendJobsToOutbox(tx, {
      exchange: Exchanges.notifications,
      routingKey: RoutingKeys.accountEmailSend,
      envelope,
    });
  }
}
