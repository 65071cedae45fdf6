import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, MetricsService } from '@prodvor/platform';
import { Counter } from 'prom-client';
import { NotificationsRepository } from '../notifications.repository';
import { PUSH_SENDERS, type PushMessage, type PushSender } from './push-sender';

/**
 * Pushes one notification to every target of the user (browsers, devices). Each target is claimed before
 * its send, so a redelivered job pushes only to the targets not pushed yet; a failed send gives its claim
 * back and, after the other targets were tried, fails the job (which is retried, then dead-lettered).
 */
@Injectable()
export class PushDeliveryService {
  private readonly logger = new Logger(PushDeliveryService.name);
  private readonly pushes?: Counter<'sender' | 'outcome'>;

  constructor(
    private readonly notifications: NotificationsRepository,
    @Inject(PUSH_SENDERS) private readonly senders: PushSender[],
    private readonly clock: Clock,
    metrics?: MetricsService,
  ) {
    if (metrics)
      this.pushes = new Counter({
        name: 'notification_pushes_total',
        help: 'Pushes of notifications by sender (webpush|fcm) and outcome (sent|gone|refused|failed)',
        labelNames: ['sender', 'outcome'] as const,
        registers: [metrics.registry],
      });
  }

  async push(userId: string, message: PushMessage): Promise<void> {
    let failure: Error | undefined;
    for (const sender of this.senders) {
      if (!sender.enabled) continue;
      for (const target of await sender.targets(userId)) {
        if (!(await this.notifications.claimPush(message.notificationId, target.key, this.clock.now()))) continue;
        try {
          const outcome = await target.send(message);
          this.pushes?.inc({ sender: sender.name, outcome });
          if (outcome === 'gone') await target.forget();
          if (outcome === 'refused')
            this.logger.warn({ target: target.key, notificationId: message.notificationId }, 'push refused');
        } catch (error) {
          this.pushes?.inc({ sender: sender.name, outcome: 'failed' });
          await this.notifications.releasePush(message.notificationId, target.key);
          failure ??= error instanceof Error ? error : new Error(String(error));
        }
      }
    }
    if (failure) throw failure;
  }
}
