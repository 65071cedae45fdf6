import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Exchanges,
  RoutingKeys,
  type NotificationDeliver,
} from '@prodvor/contracts';
import { AppConfig, Clock, RabbitMqService } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { PrismaClient } from '../generated/prisma/client';
import { TOURNAMENT_SERVICE } from './tournament-events.publisher';

const BATCH = 100;

/**
 * Publishes queued notifications to the `notifications` exchange (persistent, publisher confirms)
 * and deletes them in the same transaction. At-least-once: a crash between the confirm and the
 * commit publishes a row again with the same `notificationId`, which user-service deduplicates.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    private readonly rabbit: RabbitMqService,
    private readonly clock: Clock,
    private readonly config: AppConfig<TournamentConfig>,
  ) {}

  onModuleInit(): void {
    const interval = Math.min(this.config.get('TOURNAMENT_SWEEP_INTERVAL_MS'), 5_000);
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'notification dispatch failed; will retry'),
      );
    }, interval);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Publishes everything queued so far (tests and shutdown call it directly). */
  async flush(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.drain().finally(() => (this.running = undefined));
    await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const sent = await this.prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRawUnsafe<{ id: string; payload: NotificationDeliver }[]>(
          `SELECT id, payload FROM pending_notifications ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
        for (const row of rows) {
          const envelope = createEnvelope({
            id: row.payload.notificationId,
            type: 'notification.deliver',
            producer: TOURNAMENT_SERVICE,
            subject: row.payload.userId,
            correlationId: row.payload.notificationId,
            data: row.payload,
            now: this.clock.now(),
          });
          envelopeSchemaFor('notification.deliver').parse(envelope);
          await this.rabbit.jobs.publish(Exchanges.notifications, RoutingKeys.notificationDeliver, envelope);
        }
        if (rows.length) await tx.pendingNotification.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return rows.length;
      });
      if (sent < BATCH) return;
    }
  }
}
