import { RedisStore } from '@prodvor/platform';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { MatchFeedUpdate } from '../match-feed/match-feed.service';
import type { LiveNotification } from '../notifications/in-app-notifications.consumer';

/** Signals that are not stored messages, sent to the sockets of given rooms on every instance. */
export type EphemeralSignal =
  | { kind: 'typing'; rooms: string[]; payload: { roomId: string; userId: string; typing: boolean } }
  | { kind: 'read'; rooms: string[]; payload: { roomId: string; userId: string; messageId: string } }
  | { kind: 'match'; rooms: string[]; payload: MatchFeedUpdate }
  | { kind: 'notification'; rooms: string[]; payload: LiveNotification }
  | {
      kind: 'presence';
      rooms: string[];
      payload: { userId: string; online: boolean; lastSeenAt: string | null };
    };

type Listener = (signal: EphemeralSignal) => void;

/**
 * Typing, read and presence signals across instances over Redis pub/sub: fire-and-forget by nature
 * (a lost "typing" is harmless), so they do not go through Kafka.
 */
@Injectable()
export class EphemeralBus implements OnModuleInit {
  private readonly logger = new Logger(EphemeralBus.name);
  private readonly listeners: Listener[] = [];
  private readonly channel: string;

  constructor(private readonly redis: RedisStore) {
    this.channel = redis.key('ephemeral');
  }

  async onModuleInit(): Promise<void> {
    await this.redis.subscriber.subscribe(this.channel, (raw) => {
      let signal: EphemeralSignal;
      try {
        signal = JSON.parse(raw) as EphemeralSignal;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(signal);
    });
  }

  onSignal(listener: Listener): void {
    this.listeners.push(listener);
  }

  publish(signal: EphemeralSignal): void {
    this.redis.client.publish(this.channel, JSON.stringify(signal)).catch((error: unknown) => {
      this.logger.warn({ err: error, kind: signal.kind }, 'ephemeral signal not published');
    });
  }
}
