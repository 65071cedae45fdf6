import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig, Clock } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';

const HOUR = 3_600_000;
const BATCH = 1_000;

/** Keeps the delivery log bounded: finished deliveries older than WEBHOOK_LOG_RETENTION_DAYS go, hourly, in batches. */
@Injectable()
export class WebhookLogPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookLogPruner.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly config: AppConfig<TournamentConfig>,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.prune().catch((error: unknown) => this.logger.warn({ err: error }, 'webhook log pruning failed'));
    }, HOUR);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Prunes what is older than the retention at `now`; returns how many deliveries went. */
  async prune(now = this.clock.now()): Promise<number> {
    if (this.running) return this.running;
    const before = new Date(now.getTime() - this.config.get('WEBHOOK_LOG_RETENTION_DAYS') * 24 * HOUR);
    this.running = (async () => {
      let total = 0;
      let pruned: number;
      do {
        pruned = await this.deliveries.pruneFinished(before, BATCH);
        total += pruned;
      } while (pruned === BATCH);
      return total;
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
