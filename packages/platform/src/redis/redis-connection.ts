import { Logger } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';

export interface RedisConnectionOptions {
  url: string;
  /** Names the connection in logs, e.g. `cache` or `throttler`. */
  name: string;
  /** Longest wait between reconnect attempts (default 5000 ms). */
  maxReconnectDelayMs?: number;
  /** How long one connect attempt may take (default 2000 ms). */
  connectTimeoutMs?: number;
  /** Set with CLIENT SETNAME on each connect (shown by CLIENT LIST); characters other than `[\w:.-]` become `_`. */
  clientName?: string;
}

/**
 * A node-redis client that survives Redis going away: an `error` listener (without one node-redis's
 * reconnect errors crash the process), reconnects with capped exponential backoff for ever (also when the
 * first connect fails), and no offline queue, so a command sent while disconnected fails at once
 * instead of waiting for Redis and holding the request. Connecting starts in the background: start-up
 * does not wait for Redis, callers check `isReady` or handle the rejected command.
 * Logs one warning when the connection is lost and one line when it is back, not one per retry.
 */
export function openRedisConnection(options: RedisConnectionOptions): RedisClientType {
  const logger = new Logger(`Redis:${options.name}`);
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  const client: RedisClientType = createClient({
    url: options.url,
    disableOfflineQueue: true,
    name: options.clientName?.replace(/[^\w:.-]/g, '_'),
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 2_000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** Math.min(retries, 10), maxDelay),
    },
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, 'Redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (down) logger.log('Redis connection is back');
    down = false;
  });
  client.connect().catch((error: unknown) => {
    // Only a reconnect strategy that gives up, or an explicit disconnect, ends here.
    logger.error({ err: error }, 'Redis connection given up');
  });
  return client;
}

/**
 * Waits up to `timeoutMs` for the connection (true when it is ready): start-up gives Redis a moment,
 * then goes on without it.
 */
export function redisReady(client: RedisClientType, timeoutMs: number): Promise<boolean> {
  if (client.isReady) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on('ready', onReady);
  });
}

/** Closes a connection whatever its state (QUIT needs a live connection; a reconnecting one is dropped). */
export async function closeRedisConnection(client: RedisClientType): Promise<void> {
  if (client.isReady) await client.quit().catch(() => client.disconnect().catch(() => undefined));
  else if (client.isOpen) await client.disconnect().catch(() => undefined);
}
