import { AmqpConnection, Nack } from '@golevelup/nestjs-rabbitmq';
import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@prodvor/contracts';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { z } from 'zod';
import type { MetricsService } from '../metrics/metrics.service';
import { declareTopology, queueArguments, type QueueTopology } from './topology';
import { withCorrelationId } from '../logging/log-context';

export const ATTEMPT_HEADER = 'x-attempt';
export const LAST_ERROR_HEADER = 'x-last-error';

export interface JobContext {
  attempt: number;
  headers: Record<string, unknown>;
}

export interface JobSubscription<S extends z.ZodTypeAny> {
  queue: string;
  /** Parses untrusted bytes; a message that does not match goes to `<queue>.dlq` at once. */
  schema: S;
  /** Deliveries before the message is parked on `<queue>.dlq` (1 = no retry). */
  maxAttempts?: number;
  handle: (message: z.infer<S>, context: JobContext) => Promise<void>;
}

export interface RabbitConnectionOptions {
  url: string;
  prefetch?: number;
}

export function createAmqpConnection(options: RabbitConnectionOptions): AmqpConnection {
  return new AmqpConnection({
    uri: options.url,
    prefetchCount: options.prefetch ?? 16,
    connectionInitOptions: { wait: true, timeout: 20_000, reject: true },
    enableDirectReplyTo: false,
    registerHandlers: false,
  });
}

/**
 * Jobs over RabbitMQ with golevelup's connection (reconnects, confirm channels): persistent
 * messages whose publish resolves on the broker's confirm, and handlers with bounded retries
 * through a TTL retry queue. A failing message is never requeued in place, so it cannot loop.
 */
export class RabbitJobs {
  private readonly logger = new Logger('RabbitJobs');
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    readonly connection: AmqpConnection,
    private readonly metrics?: MetricsService,
  ) {}

  /** Declares exchanges and queues now and again after every reconnect. */
  async declare(exchanges: string[], queues: QueueTopology[]): Promise<void> {
    await this.connection.managedChannel.addSetup((channel: Channel) => declareTopology(channel, exchanges, queues));
  }

  async publish(exchange: string, routingKey: string, envelope: EventEnvelope): Promise<void> {
    await this.connection.publish(exchange, routingKey, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      messageId: envelope.id,
      type: envelope.type,
      correlationId: envelope.correlationId,
      timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
    });
    this.metrics?.messagesPublished.labels('rabbitmq', exchange).inc();
  }

  async subscribe<S extends z.ZodTypeAny>(subscription: JobSubscription<S>): Promise<void> {
    const { queue } = subscription;
    await this.connection.createSubscriber<Buffer>(
      (raw, message) => this.track(this.onMessage(subscription, raw, message!)),
      {
        queue,
        queueOptions: { durable: true, arguments: queueArguments(queue) },
        deserializer: (content: Buffer) => content,
        // Only reached when the retry publish itself failed (broker trouble): try again later.
        errorHandler: (channel: Channel, message: ConsumeMessage) => channel.nack(message, false, true),
      },
      `rabbit:${queue}`,
    );
  }

  /**
   * Cancels every subscription and waits for the handlers in flight; publishing still works. A consumer
   * whose channel a broker restart closed is gone already: cancelling it fails, and that is fine.
   */
  async stopConsuming(): Promise<void> {
    const cancelled = await Promise.allSettled(
      this.connection.consumerTags.map((tag) => this.connection.cancelConsumer(tag)),
    );
    const failed = cancelled.filter((result) => result.status === 'rejected').length;
    if (failed > 0) this.logger.debug(`${failed} consumer(s) already gone at shutdown`);
    await Promise.allSettled(this.inFlight);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private track<T>(handling: Promise<T>): Promise<T> {
    this.inFlight.add(handling);
    void handling.finally(() => this.inFlight.delete(handling)).catch(() => undefined);
    return handling;
  }

  private async onMessage<S extends z.ZodTypeAny>(
    subscription: JobSubscription<S>,
    raw: Buffer | undefined,
    message: ConsumeMessage,
  ): Promise<Nack | undefined> {
    const { queue } = subscription;
    const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
    let value: z.infer<S>;
    try {
      const parsed = subscription.schema.safeParse(JSON.parse(raw?.toString('utf8') ?? ''));
      if (!parsed.success)
        throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      value = parsed.data as z.infer<S>;
    } catch (error) {
      this.metrics?.messagesFailed.labels('rabbitmq', queue, 'rejected').inc();
      this.logger.error({ queue, reason: (error as Error).message }, 'invalid job dead-lettered');
      return new Nack(false);
    }
    const attempt = Number(headers[ATTEMPT_HEADER] ?? 1);
    try {
      const correlationId = (message.properties.correlationId as string | undefined) || undefined;
      await withCorrelationId(correlationId, () => subscription.handle(value, { attempt, headers }));
      this.metrics?.messagesConsumed.labels('rabbitmq', queue).inc();
      return undefined;
    } catch (error) {
      const reason = (error as Error).message;
      if (attempt >= (subscription.maxAttempts ?? 5)) {
        this.metrics?.messagesFailed.labels('rabbitmq', queue, 'dead_lettered').inc();
        this.logger.error({ queue, attempt, reason }, 'job dead-lettered after its last attempt');
        return new Nack(false);
      }
      await this.connection.publish('', `${queue}.retry`, message.content, {
        ...message.properties,
        persistent: true,
        headers: { ...headers, [ATTEMPT_HEADER]: attempt + 1, [LAST_ERROR_HEADER]: reason.slice(0, 500) },
      });
      this.metrics?.messagesFailed.labels('rabbitmq', queue, 'retried').inc();
      this.logger.warn({ queue, attempt, reason }, 'job failed, retrying later');
      return undefined;
    }
  }
}
