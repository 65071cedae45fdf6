import { Nack } from '@golevelup/nestjs-rabbitmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { envelopeSchemaFor, Exchanges, RoutingKeys, WebhookQueues } from '@prodvor/contracts';
import { AppConfig, ATTEMPT_HEADER, RabbitMqService, withCorrelationId } from '@prodvor/platform';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { TournamentConfig } from '../config/tournament.config';
import { backoffDelayMs, WebhookDeliveryService } from './webhook-delivery.service';

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

  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly deliveries: WebhookDeliveryService,
    private readonly config: AppConfig<TournamentConfig>,
  ) {}

  /** The distinct waits between attempts (attempt n waits the n-th). */
  backoffDelays(): number[] {
    const max = this.config.get('WEBHOOK_MAX_ATTEMPTS');
    const delays = Array.from({ length: Math.max(0, max - 1) }, (_, i) =>
      backoffDelayMs(
        i + 1,
        this.config.get('WEBHOOK_RETRY_BASE_DELAY_MS'),
        this.config.get('WEBHOOK_RETRY_MAX_DELAY_MS'),
      ),
    );
    return [...new Set(delays)];
  }

  async onModuleInit(): Promise<void> {
    const connection = this.rabbit.jobs.connection;
    await connection.managedChannel.addSetup((channel: Channel) => this.declare(channel));
    await connection.createSubscriber<Buffer>(
      (raw, message) => this.onMessage(raw, message!),
      {
        queue: WebhookQueues.deliveries,
        queueOptions: { durable: true, arguments: workQueueArguments() },
        deserializer: (content: Buffer) => content,
        // Only reached when republishing itself failed (broker trouble): try again later.
        errorHandler: (channel: Channel, message: ConsumeMessage) => channel.nack(message, false, true),
      },
      `rabbit:${WebhookQueues.deliveries}`,
    );
  }

  private async declare(channel: Channel): Promise<void> {
    const main = WebhookQueues.deliveries;
    await channel.assertExchange(Exchanges.webhooks, 'topic', { durable: true });
    await channel.assertQueue(WebhookQueues.dlq, { durable: true });
    await channel.assertQueue(main, { durable: true, arguments: workQueueArguments() });
    await channel.bindQueue(main, Exchanges.webhooks, RoutingKeys.webhookDeliver);
    const waits = [...this.backoffDelays().map((ms) => WebhookQueues.backoff(ms))];
    const ttls = [...this.backoffDelays()];
    const throttle = this.config.get('WEBHOOK_THROTTLE_DELAY_MS');
    waits.push(WebhookQueues.throttle(throttle));
    ttls.push(throttle);
    for (const [i, queue] of waits.entries()) {
      await channel.assertQueue(queue, {
        durable: true,
        arguments: { 'x-message-ttl': ttls[i], 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': main },
      });
    }
  }

  private async onMessage(raw: Buffer | undefined, message: ConsumeMessage): Promise<Nack | undefined> {
    const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
    let deliveryId: string;
    try {
      deliveryId = jobSchema.parse(JSON.parse(raw?.toString('utf8') ?? '')).data.deliveryId;
    } catch (error) {
      this.logger.error({ reason: (error as Error).message }, 'invalid webhook job dead-lettered');
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
      await this.wait(message, WebhookQueues.throttle(this.config.get('WEBHOOK_THROTTLE_DELAY_MS')), attempt);
      return undefined;
    }
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

  private async wait(message: ConsumeMessage, queue: string, attempt: number): Promise<void> {
    await this.rabbit.jobs.connection.publish('', queue, message.content, {
      ...message.properties,
      persistent: true,
      headers: { ...(message.properties.headers ?? {}), [ATTEMPT_HEADER]: attempt },
    });
  }
}

function workQueueArguments(): Record<string, unknown> {
  return { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': WebhookQueues.dlq };
}
