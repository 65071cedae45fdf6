import { Nack } from '@golevelup/nestjs-rabbitmq';
import { Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { envelopeSchemaFor, WebhookQueues } from '@prodvor/contracts';
import { AppConfig, ATTEMPT_HEADER, MetricsService, RabbitMqService, withCorrelationId } from '@prodvor/platform';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { TournamentConfig } from '../config/tournament.config';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { webhookTopology, type WebhookTopology } from './webhook-topology';

const jobSchema = envelopeSchemaFor('webhook.deliver');

/**
 * The RabbitMQ side of deliveries. `tournament.webhook-deliveries` takes `webhook.deliver` jobs; a failed
 * POST is republished to the backoff queue of its attempt (a TTL queue dead-lettering back, so the wait
 * doubles per attempt without a delay plugin), a delivery over its subscriber's rate to the throttle queue
 * (same attempt: deferred, not dropped), and after WEBHOOK_MAX_ATTEMPTS the job is rejected onto `.dlq`.
 */
@Injectable()
export class WebhookDeliveriesConsumer implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliveriesConsumer.name);
  private readonly topology: WebhookTopology;

  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly deliveries: WebhookDeliveryService,
    private readonly config: AppConfig<TournamentConfig>,
    @Optional() private readonly metrics?: MetricsService,
  ) {
    this.topology = webhookTopology({
      maxAttempts: config.get('WEBHOOK_MAX_ATTEMPTS'),
      retryBaseDelayMs: config.get('WEBHOOK_RETRY_BASE_DELAY_MS'),
      retryMaxDelayMs: config.get('WEBHOOK_RETRY_MAX_DELAY_MS'),
      throttleDelayMs: config.get('WEBHOOK_THROTTLE_DELAY_MS'),
    });
  }

  async onModuleInit(): Promise<void> {
    const connection = this.rabbit.jobs.connection;
    await connection.managedChannel.addSetup((channel: Channel) => this.declare(channel));
    await connection.createSubscriber<Buffer>(
      (raw, message) => this.onMessage(raw, message!),
      {
        queue: WebhookQueues.deliveries,
        queueOptions: { durable: true, arguments: this.topology.work.arguments },
        deserializer: (content: Buffer) => content,
        // Only reached when republishing itself failed (broker trouble): try again later.
        errorHandler: (channel: Channel, message: ConsumeMessage) => channel.nack(message, false, true),
      },
      `rabbit:${WebhookQueues.deliveries}`,
    );
  }

  private async declare(channel: Channel): Promise<void> {
    const { exchange, routingKey, work, dlq, waits } = this.topology;
    await channel.assertExchange(exchange, 'topic', { durable: true });
    for (const queue of [dlq, work, ...waits])
      await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
    await channel.bindQueue(work.name, exchange, routingKey);
  }

  private async onMessage(raw: Buffer | undefined, message: ConsumeMessage): Promise<Nack | undefined> {
    const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
    let deliveryId: string;
    try {
      deliveryId = jobSchema.parse(JSON.parse(raw?.toString('utf8') ?? '')).data.deliveryId;
    } catch (error) {
      this.logger.error({ reason: (error as Error).message }, 'invalid webhook job dead-lettered');
      this.count('rejected');
      return new Nack(false);
    }
    const attempt = Math.max(1, Number(headers[ATTEMPT_HEADER] ?? 1) || 1);
    const correlationId = (message.properties.correlationId as string | undefined) || undefined;
    let result;
    try {
      result = await withCorrelationId(correlationId, () => this.deliveries.attempt(deliveryId, attempt));
    } catch (error) {
      // The database or Redis is down: the POST did not count, wait and try the same attempt again.
      this.logger.warn({ err: error, deliveryId }, 'webhook attempt could not run; deferred');
      this.count('deferred');
      await this.wait(message, WebhookQueues.throttle(this.config.get('WEBHOOK_THROTTLE_DELAY_MS')), attempt);
      return undefined;
    }
    this.count(result.kind);
    switch (result.kind) {
      case 'done':
        return undefined;
      case 'dead':
        return new Nack(false);
      case 'throttled':
        await this.wait(message, WebhookQueues.throttle(this.config.get('WEBHOOK_THROTTLE_DELAY_MS')), attempt);
        return undefined;
      case 'retry':
        await this.wait(message, WebhookQueues.backoff(result.delayMs), attempt + 1);
        return undefined;
    }
  }

  /** `messages_consumed_total` for a finished job, `messages_failed_total{outcome}` for the others. */
  private count(outcome: 'done' | 'dead' | 'retry' | 'throttled' | 'rejected' | 'deferred'): void {
    const source = WebhookQueues.deliveries;
    if (outcome === 'done') this.metrics?.messagesConsumed.labels('rabbitmq', source).inc();
    else this.metrics?.messagesFailed.labels('rabbitmq', source, outcome === 'dead' ? 'dead_lettered' : outcome).inc();
  }

  private async wait(message: ConsumeMessage, queue: string, attempt: number): Promise<void> {
    await this.rabbit.jobs.connection.publish('', queue, message.content, {
      ...message.properties,
      persistent: true,
      headers: { ...(message.properties.headers ?? {}), [ATTEMPT_HEADER]: attempt },
    });
  }
}
