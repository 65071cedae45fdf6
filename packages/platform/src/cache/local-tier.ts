import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { RedisClientType } from 'redis';

export interface LocalTierOptions {
  /** Most values held in process (default 1,000); 0 turns the in-process tier off. */
  maxEntries?: number;
  /** Most scope generations held in process (default 10,000). */
  maxGenerations?: number;
  /**
   * How long a generation is trusted before it is read from Redis again (default 2,000 ms): bounds how
   * long an instance whose subscriber lost Redis without noticing yet (no TCP error) can miss invalidations.
   */
  generationMaxAgeMs?: number;
}

/** Published after the store was flushed: every instance drops what it holds. A scope's new generation is `<generation> <scope>`. */
export const FLUSH_MESSAGE = 'flush';

/** The boxed value: lru-cache holds no undefined/null, and a cached loader result may be either. */
interface Held {
  value: unknown;
}

/**
 * The in-process tier in front of Redis for scoped reads: values by their generation-bearing key, and
 * the scopes' generations, kept current by the Redis channel that `invalidateScope` publishes on.
 *
 * It is trusted only while its subscription is live: a message sent while the subscriber was away may be
 * missed, so until the subscription is (re)made reads take the generation and the value from Redis as if
 * this tier did not exist, and every (re)subscription drops what was held. `epoch` changes on each of
 * those drops, so a generation or value fetched before one is never stored after it.
 * Values are shared between the reads that hit them: callers must treat them as read-only.
 */
export class LocalTier {
  private readonly logger = new Logger('Cache');
  private readonly values: LRUCache<string, Held> | undefined;
  private readonly generations: LRUCache<string, number>;
  private subscribed = false;
  private epochValue = 0;
  private readonly onSubscriberReady = () => void this.subscribe();
  private readonly onSubscriberLost = () => this.distrust();
  private readonly onMessage = (message: string) => this.receive(message);

  constructor(
    private readonly subscriber: RedisClientType,
    readonly channel: string,
    options: LocalTierOptions = {},
  ) {
    const maxEntries = options.maxEntries ?? 1_000;
    this.values = maxEntries > 0 ? new LRUCache<string, Held>({ max: maxEntries }) : undefined;
    this.generations = new LRUCache<string, number>({
      max: options.maxGenerations ?? 10_000,
      ttl: options.generationMaxAgeMs ?? 2_000,
    });
    subscriber.on('ready', this.onSubscriberReady);
    subscriber.on('error', this.onSubscriberLost);
    subscriber.on('end', this.onSubscriberLost);
    if (subscriber.isReady) void this.subscribe();
  }

  close(): void {
    this.subscriber.off('ready', this.onSubscriberReady);
    this.subscriber.off('error', this.onSubscriberLost);
    this.subscriber.off('end', this.onSubscriberLost);
    this.distrust();
  }

  /** True while every invalidation published on the channel reaches this instance. */
  get trusted(): boolean {
    return this.subscribed && this.subscriber.isReady;
  }

  get epoch(): number {
    return this.epochValue;
  }

  /** How many values are held (for tests and the LRU bound). */
  get size(): number {
    return this.values?.size ?? 0;
  }

  generation(scope: string): number | undefined {
    return this.trusted ? this.generations.get(scope) : undefined;
  }

  /** Records a generation read from Redis or published; never lowers one already held. */
  raiseGeneration(scope: string, generation: number, epoch = this.epochValue): void {
    if (!this.trusted || epoch !== this.epochValue) return;
    if (generation > (this.generations.get(scope) ?? -1)) this.generations.set(scope, generation);
  }

  /** The held value, boxed (so a cached undefined is told apart from a miss); undefined while not trusted. */
  get(key: string): Held | undefined {
    return this.trusted ? this.values?.get(key) : undefined;
  }

  set(key: string, value: unknown, ttlMs: number, epoch: number): void {
    if (!this.trusted || epoch !== this.epochValue) return;
    this.values?.set(key, { value }, { ttl: ttlMs });
  }

  /** Drops every value and generation held (after a flush of the store, and on every (re)subscription). */
  clear(): void {
    this.epochValue += 1;
    this.values?.clear();
    this.generations.clear();
  }

  private distrust(): void {
    if (this.subscribed) this.logger.warn('cache invalidation channel lost: generations are read from Redis');
    this.subscribed = false;
    this.clear();
  }

  private async subscribe(): Promise<void> {
    this.distrust();
    try {
      // node-redis resubscribes by itself on reconnect (then this only adds the same listener again,
      // which it ignores); on a first connect this sends SUBSCRIBE. Either way the subscription is live
      // once it resolves, and nothing held before it is kept.
      await this.subscriber.subscribe(this.channel, this.onMessage);
      if (!this.subscriber.isReady) return;
      this.clear();
      this.subscribed = true;
    } catch (error) {
      this.logger.debug({ err: error }, 'cache invalidation channel not subscribed yet');
    }
  }

  private receive(message: string): void {
    if (message === FLUSH_MESSAGE) {
      this.clear();
      return;
    }
    const space = message.indexOf(' ');
    const generation = Number(message.slice(0, space));
    if (space > 0 && Number.isSafeInteger(generation)) this.raiseGeneration(message.slice(space + 1), generation);
  }
}
