import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createEnvelope, envelopeSchemaFor, Exchanges, RoutingKeys, type NotificationKind } from '@prodvor/contracts';
import { AppConfig, RabbitMqService } from '@prodvor/platform';
import { Clock } from '../common/clock';
import { IdGenerator } from '../common/id-generator';
import { RedisService } from '../common/redis.service';
import type { ChatConfig } from '../config/chat.config';
import { CHAT_SERVICE } from '../messages/chat-messages.publisher';

export interface PendingNotification {
  userId: string;
  roomId: string;
  kind: Extract<NotificationKind, 'chat_mention' | 'direct_message'>;
  messageId: string;
  senderId: string;
  preview: string;
}

// Takes both hashes and deletes them in one step, so exactly one instance sends each batch.
const TAKE_BATCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
local counts = redis.call('HGETALL', KEYS[1])
local latest = redis.call('HGETALL', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2])
return {counts, latest}`;

/**
 * Offline delivery: notifications for users with no live connection are gathered in Redis per
 * (user, room, kind) and sent every `CHAT_NOTIFY_BATCH_MS` as one `notification.deliver` job each,
 * so a busy room gives one "5 new messages" instead of five jobs.
 */
@Injectable()
export class OfflineNotifier implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OfflineNotifier.name);
  private readonly batchMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisService,
    private readonly rabbit: RabbitMqService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.batchMs = config.get('CHAT_NOTIFY_BATCH_MS');
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.logger.error({ err: error }, 'notification batch failed'));
    }, this.batchMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async add(notification: PendingNotification): Promise<void> {
    const field = [notification.userId, notification.roomId, notification.kind].join('|');
    const latest = JSON.stringify({
      messageId: notification.messageId,
      senderId: notification.senderId,
      preview: notification.preview.slice(0, 200),
    });
    await this.redis.client
      .multi()
      .hIncrBy(this.redis.key('notify', 'counts'), field, 1)
      .hSet(this.redis.key('notify', 'latest'), field, latest)
      .exec();
  }

  /** Sends everything gathered so far (also called by tests instead of waiting for the timer). */
  async flush(): Promise<number> {
    const reply = (await this.redis.client.eval(TAKE_BATCH, {
      keys: [this.redis.key('notify', 'counts'), this.redis.key('notify', 'latest')],
    })) as [string[], string[]] | [];
    if (reply.length === 0) return 0;
    const [counts, latest] = reply;
    const latestByField = new Map<string, string>();
    for (let i = 0; i < latest.length; i += 2) latestByField.set(latest[i], latest[i + 1]);
    let sent = 0;
    for (let i = 0; i < counts.length; i += 2) {
      const [userId, roomId, kind] = counts[i].split('|') as [string, string, PendingNotification['kind']];
      const last = JSON.parse(latestByField.get(counts[i]) ?? '{}') as Partial<PendingNotification>;
      await this.publish(userId, roomId, kind, Number(counts[i + 1]), last);
      sent++;
    }
    return sent;
  }

  private async publish(
    userId: string,
    roomId: string,
    kind: PendingNotification['kind'],
    count: number,
    last: Partial<PendingNotification>,
  ): Promise<void> {
    const now = this.clock.now();
    const title =
      kind === 'chat_mention'
        ? count > 1
          ? `You were mentioned ${count} times`
          : 'You were mentioned'
        : count > 1
          ? `${count} new direct messages`
          : 'New direct message';
    const envelope = createEnvelope({
      type: 'notification.deliver',
      producer: CHAT_SERVICE,
      subject: userId,
      correlationId: `chat-notify-${roomId}`,
      now,
      data: {
        notificationId: this.ids.id(),
        userId,
        kind,
        title,
        body: last.preview ?? '',
        data: {
          roomId,
          count: String(count),
          ...(last.messageId ? { messageId: last.messageId } : {}),
          ...(last.senderId ? { senderId: last.senderId } : {}),
        },
        createdAt: now.toISOString(),
      },
    });
    envelopeSchemaFor('notification.deliver').parse(envelope);
    try {
      await this.rabbit.jobs.publish(Exchanges.notifications, RoutingKeys.notificationDeliver, envelope);
    } catch (error) {
      this.logger.error({ err: error, kind, roomId }, 'notification not published');
    }
  }
}
