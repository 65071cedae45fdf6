import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, Clock, RedisStore } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';

export interface PresenceStatus {
  userId: string;
  online: boolean;
  lastSeenAt: string | null;
}

/**
 * Presence across instances in Redis: a sorted set of a user's live connections scored by expiry
 * (refreshed by each instance's heartbeat, so a crashed instance's connections lapse on their own)
 * and the time the user was last seen.
 */
@Injectable()
export class PresenceService {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisStore,
    private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.ttlMs = config.get('CHAT_PRESENCE_TTL_MS');
  }

  get heartbeatMs(): number {
    return Math.floor(this.ttlMs / 3);
  }

  /** True when this is the user's first live connection (they just came online). */
  async connected(userId: string, socketId: string): Promise<boolean> {
    const key = this.connectionsKey(userId);
    const now = this.clock.now().getTime();
    const [, , before] = await this.redis.client
      .multi()
      .zRemRangeByScore(key, '-inf', now)
      .zAdd(key, { score: now + this.ttlMs, value: socketId })
      .zCard(key)
      .pExpire(key, this.ttlMs)
      .exec();
    return Number(before) === 1;
  }

  /** True when that was the user's last live connection (they are now offline). */
  async disconnected(userId: string, socketId: string): Promise<boolean> {
    const key = this.connectionsKey(userId);
    const now = this.clock.now();
    const [, , left] = await this.redis.client
      .multi()
      .zRem(key, socketId)
      .zRemRangeByScore(key, '-inf', now.getTime())
      .zCard(key)
      .set(this.lastSeenKey(userId), now.toISOString())
      .exec();
    return Number(left) === 0;
  }

  /** Keeps this instance's connections alive in Redis. */
  async refresh(connections: { userId: string; socketId: string }[]): Promise<void> {
    if (connections.length === 0) return;
    const expiry = this.clock.now().getTime() + this.ttlMs;
    const multi = this.redis.client.multi();
    for (const { userId, socketId } of connections) {
      const key = this.connectionsKey(userId);
      multi.zAdd(key, { score: expiry, value: socketId }).pExpire(key, this.ttlMs);
    }
    await multi.exec();
  }

  async status(userIds: string[]): Promise<PresenceStatus[]> {
    if (userIds.length === 0) return [];
    const now = this.clock.now().getTime();
    const multi = this.redis.client.multi();
    for (const userId of userIds) multi.zCount(this.connectionsKey(userId), now, '+inf').get(this.lastSeenKey(userId));
    const replies = await multi.exec();
    return userIds.map((userId, i) => ({
      userId,
      online: Number(replies[i * 2]) > 0,
      lastSeenAt: (replies[i * 2 + 1] as string | null) ?? null,
    }));
  }

  async isOnline(userId: string): Promise<boolean> {
    const [status] = await this.status([userId]);
    return status.online;
  }

  private connectionsKey(userId: string): string {
    return this.redis.key('presence', userId);
  }

  private lastSeenKey(userId: string): string {
    return this.redis.key('lastseen', userId);
  }
}
