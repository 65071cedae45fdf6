import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig, HealthRegistry } from '@prodvor/platform';
import { createClient, type RedisClientType } from 'redis';
import type { ChatConfig } from '../config/chat.config';

/**
 * The Redis connections chat needs besides the cache: commands (rate counters, retry dedupe, mutes,
 * presence, typing, notification batches) and one subscriber for the cross-instance ephemeral bus.
 * Every key goes through `key()`, under `REDIS_KEY_PREFIX`.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: RedisClientType;
  readonly subscriber: RedisClientType;
  private readonly prefix: string;

  constructor(
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
    @Optional() private readonly health?: HealthRegistry,
  ) {
    this.client = createClient({ url: config.get('REDIS_URL') });
    this.subscriber = this.client.duplicate();
    for (const connection of [this.client, this.subscriber])
      connection.on('error', (error: unknown) => this.logger.warn({ err: error }, 'redis connection error'));
    this.prefix = `${config.get('REDIS_KEY_PREFIX') || config.get('SERVICE_NAME')}:`;
  }

  key(...parts: string[]): string {
    return `${this.prefix}${parts.join(':')}`;
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.client.connect(), this.subscriber.connect()]);
    this.health?.register('redis', async () => {
      await this.client.ping();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()]);
  }
}
