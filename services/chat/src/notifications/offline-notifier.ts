import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { NotificationKind } from '@prodvor/contracts';
import { AppConfig, Clock, IdGenerator, RedisStore } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { ChatNotificationsPublisher } from './chat-notifications.publisher';

export interface PendingNotification {
  userId: string;
  roomId: string;
  kind: Extract<NotificationKind, 'chat_mention' | 'direct_message'>;
  messageId: string;
  senderId: string;
  preview: string;
}

// Moves both hashes aside under a flush token in one step, so exactly one instance sends each batch;
// the batch stays in Redis until each job is confirmed by the broker.
const TAKE_BATCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[3])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[4]) end
redis.call('ZADD', KEYS[5], ARGV[1], ARGV[2])
return 1`;

// Puts what a flush did not send back into the gathering hashes (counts added, a newer latest kept).
const PUT_BACK = `
local counts = redis.call('HGETALL', KEYS[3])
for i = 1, #counts, 2 do
  redis.call('HINCRBY', KEYS[1], counts[i], counts[i + 1])
  local latest = redis.call('HGET', KEYS[4], counts[i])
  if latest then redis.call('HSETNX', KEYS[2], counts[i], latest) end
end
redis.call('DEL', KEYS[3], KEYS[4])
redis.call('ZREM', KEYS[5], ARGV[1])
return #counts / 2`;

/** A flush that has not finished after this long died with its instance: its batch is put back. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Offline delivery: notifications for users with no live connection are gathered in Redis per
 * (user, room, kind) and sent every `CHAT_NOTIFY_BATCH_MS` as one `notification.deliver` job each,
 * so a busy room gives one "5 new messages" instead of five jobs. A batch is removed from Redis
 * entry by entry as the broker confirms each job; the rest goes back for the next batch.
 */
@Injectable()
export class OfflineNotifier implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OfflineNotifier.name);
  private readonly batchMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisStore,
    private readonly notifications: ChatNotificationsPublisher,
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

  /**
   * Sends everything gathered so far (also called by tests instead of waiting for the timer). Each job's
   * entry leaves Redis only once the broker confirmed it; what could not be published is put back for
   * the next flush, so a RabbitMQ outage loses nothing (it may repeat a job whose confirm was lost).
   */
  async flush(): Promise<number> {
    await this.putBackAbandoned();
    const token = this.ids.id();
    const keys = this.keys(token);
    const taken = await this.redis.client.eval(TAKE_BATCH, {
      keys: [keys.counts, keys.latest, keys.takenCounts, keys.takenLatest, keys.index],
      arguments: [String(this.clock.now().getTime()), token],
    });
    if (taken !== 1) return 0;
    const [counts, latest] = await Promise.all([
      this.redis.client.hGetAll(keys.takenCounts),
      this.redis.client.hGetAll(keys.takenLatest),
    ]);
    let sent = 0;
    try {
      for (const [field, count] of Object.entries(counts)) {
        const [userId, roomId, kind] = field.split('|') as [string, string, PendingNotification['kind']];
        const last = JSON.parse(latest[field] ?? '{}') as Partial<PendingNotification>;
        await this.send(userId, roomId, kind, Number(count), last);
        await this.redis.client.multi().hDel(keys.takenCounts, field).hDel(keys.takenLatest, field).exec();
        sent++;
      }
    } catch (error) {
      this.logger.error(
        { err: error, sent, left: Object.keys(counts).length - sent },
        'notifications not published; kept for the next batch',
      );
    } finally {
      await this.putBack(token);
    }
    return sent;
  }

  private async putBack(token: string): Promise<number> {
    const keys = this.keys(token);
    return (await this.redis.client.eval(PUT_BACK, {
      keys: [keys.counts, keys.latest, keys.takenCounts, keys.takenLatest, keys.index],
      arguments: [token],
    })) as number;
  }

  private async putBackAbandoned(): Promise<void> {
    const before = this.clock.now().getTime() - ABANDONED_AFTER_MS;
    const abandoned = await this.redis.client.zRangeByScore(this.keys('').index, '-inf', before);
    for (const token of abandoned) {
      const restored = await this.putBack(token);
      this.logger.warn({ restored }, 'notification batch of an unfinished flush put back');
    }
  }

  private keys(token: string) {
    return {
      counts: this.redis.key('notify', 'counts'),
      latest: this.redis.key('notify', 'latest'),
      takenCounts: this.redis.key('notify', 'taken', token, 'counts'),
      takenLatest: this.redis.key('notify', 'taken', token, 'latest'),
      index: this.redis.key('notify', 'taken'),
    };
  }

  private async send(
    userId: string,
    roomId: string,
    kind: PendingNotification['kind'],
    count: number,
    last: Partial<PendingNotification>,
  ): Promise<void> {
    const title =
      kind === 'chat_mention'
        ? count > 1
          ? `You were mentioned ${count} times`
          : 'You were mentioned'
        : count > 1
          ? `${count} new direct messages`
          : 'New direct message';
    // Resolves on the broker's confirm; a failure keeps the entry (see flush).
    await this.notifications.deliver(
      {
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
      },
      `chat-notify-${roomId}`,
    );
  }
}
