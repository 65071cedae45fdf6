import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, RedisStore } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';

export interface SendAdmission {
  /** Sends by this user in the current window, this one included. */
  count: number;
  /** When the user's mute in the room ends (ISO), if muted. */
  mutedUntil: string | null;
  /** The id bound to the client message id: the new one when `claimed`, else the original message's. */
  messageId: string;
  /** True when this send took the client message id; false for a retry of an already claimed one. */
  claimed: boolean;
}

/**
 * The Redis side of a send, shared by all instances: the per-user rate window, the mute mirror and
 * the client-message-id claim that turns a client's retry into the original message id.
 */
@Injectable()
export class SendStateStore {
  private readonly windowMs: number;
  private readonly clientIdTtlSeconds: number;

  constructor(
    private readonly redis: RedisStore,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.windowMs = config.get('CHAT_USER_SEND_WINDOW_MS');
    this.clientIdTtlSeconds = config.get('CHAT_CLIENT_ID_TTL_SECONDS');
  }

  /**
   * One round trip for the whole send check: counts the send in the user's window, reads the mute and
   * claims `clientMessageId` in `roomId` for `messageId` (or reads the id already bound to it: a retry, which
   * the caller acknowledges with that id and does not produce). Scoped by room like the database's unique
   * (room, sender, client message id). A send the caller then refuses must give its claim back
   * ({@link releaseClientId}), so that the client's later retry is a new send.
   */
  async admit(userId: string, roomId: string, clientMessageId: string, messageId: string): Promise<SendAdmission> {
    const rateKey = this.redis.key('rate', userId);
    const claimKey = this.clientIdKey(userId, roomId, clientMessageId);
    const [count, , mutedUntil, claim, boundId] = await this.redis.client
      .multi()
      .incr(rateKey)
      .pExpire(rateKey, this.windowMs, 'NX')
      .get(this.muteKey(roomId, userId))
      .set(claimKey, messageId, { NX: true, EX: this.clientIdTtlSeconds })
      .get(claimKey)
      .exec();
    const claimed = claim === 'OK';
    return {
      count: Number(count),
      mutedUntil: (mutedUntil as string | null) ?? null,
      claimed,
      messageId: (boundId as string | null) ?? messageId,
    };
  }

  /** Frees the claim of a refused send, or of one that never reached Kafka, so the client's retry can go through. */
  async releaseClientId(userId: string, roomId: string, clientMessageId: string): Promise<void> {
    await this.redis.client.del(this.clientIdKey(userId, roomId, clientMessageId));
  }

  /** When the user's mute in the room ends (ISO), or null: for what a muted user may not do besides sending. */
  async mutedUntil(roomId: string, userId: string): Promise<string | null> {
    return this.redis.client.get(this.muteKey(roomId, userId));
  }

  async setMute(roomId: string, userId: string, until: Date, now: Date): Promise<void> {
    const ms = until.getTime() - now.getTime();
    if (ms > 0) await this.redis.client.set(this.muteKey(roomId, userId), until.toISOString(), { PX: ms });
  }

  async clearMute(roomId: string, userId: string): Promise<void> {
    await this.redis.client.del(this.muteKey(roomId, userId));
  }

  private muteKey(roomId: string, userId: string): string {
    return this.redis.key('mute', roomId, userId);
  }

  private clientIdKey(userId: string, roomId: string, clientMessageId: string): string {
    return this.redis.key('cmid', userId, roomId, Buffer.from(clientMessageId).toString('base64url'));
  }
}
