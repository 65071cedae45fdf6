import type { Logger } from '@nestjs/common';
import { Client, type Pool, type PoolClient } from 'pg';

/**
 * Runs `work` on a pooled connection that may not outlive it. A checked-out pg client that the server
 * drops between two queries (a restart, `pg_terminate_backend`) emits `error` with nobody listening,
 * which would end the process; here that error is held and the connection is destroyed, not reused.
 */
export async function withPooledClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', onError);
    // A release with an error destroys the connection; a failed transaction's connection is not trusted.
    client.release(broken);
  }
}

export interface ListenerSessionOptions {
  databaseUrl: string;
  channel: string;
  onNotification: () => void;
  /** Called after every (re)connect: the session's locks and LISTEN are new. */
  onConnected?: (client: Client) => Promise<void> | void;
  /** Called when the session is lost: anything tied to it (a session advisory lock) is gone. */
  onLost?: () => void;
  logger: Logger;
  /** Cap of the reconnect backoff (default 5 s). */
  maxBackoffMs?: number;
}

/**
 * A dedicated connection that LISTENs on a channel and comes back by itself, with capped backoff, after
 * the database restarts or the session is cut; until then `client` is undefined.
 */
export class ListenerSession {
  private current?: Client;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private attempts = 0;

  constructor(private readonly options: ListenerSessionOptions) {}

  /** The live session, or undefined while reconnecting. */
  get client(): Client | undefined {
    return this.current;
  }

  /** Connects once (throwing if the first connect fails, like any start-up dependency), then keeps it up. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.current;
    this.current = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    // Until connected, a failure is the connect's own rejection (handled by the caller), not a loss.
    let lost = true;
    const lose = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.current === client) this.current = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.options.logger.warn({ err: error }, `${this.options.channel} listener lost; reconnecting`);
      this.options.onLost?.();
      this.schedule();
    };
    client.on('notification', () => this.options.onNotification());
    client.on('error', lose);
    client.on('end', () => lose());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      await this.options.onConnected?.(client);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    lost = false;
    this.attempts = 0;
    this.current = client;
  }

  private schedule(): void {
    const delay = Math.min(100 * 2 ** this.attempts++, this.options.maxBackoffMs ?? 5_000);
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().then(
        () => this.options.onNotification(),
        () => this.schedule(),
      );
    }, delay);
    this.timer.unref();
  }
}
