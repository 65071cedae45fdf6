import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  kafkaRouteOf,
  type MessageData,
  type MessageType,
} from '@prodvor/contracts';
import { Clock } from '../support/clock';
import { appendToOutbox } from './outbox';
import type { SqlExecutor } from './sql-executor';

export interface PublishOptions {
  /** The envelope id, when the event already has one (a stored event a consumer deduplicates by). */
  id?: string;
  /** Extra Kafka headers (the relay adds `correlation-id` and `event-type`). */
  headers?: Record<string, string>;
}

/**
 * The one way a service's Kafka events leave it: an outbox row written in the caller's transaction (the
 * event exists if and only if the change commits), relayed by `OutboxRelayService`. The contracts registry
 * says the topic, the partition key (also the envelope's subject) and the producing service of each type;
 * the payload is typed by the event map and checked against its schema before it is stored.
 */
@Injectable()
export class EventPublisher {
  constructor(private readonly clock: Clock) {}

  async publish<T extends MessageType>(
    tx: SqlExecutor,
    type: T,
    data: MessageData<T>,
    correlationId: string,
    options: PublishOptions = {},
  ): Promise<void> {
    const route = kafkaRouteOf(type, data);
    const envelope = createEnvelope({
      id: options.id,
      type,
      producer: route.producer,
      subject: route.key,
      correlationId,
      data,
      now: this.clock.now(),
    });
    envelopeSchemaFor(type).parse(envelope);
    await appendToOutbox(tx, { topic: route.topic, key: route.key, envelope, headers: options.headers });
  }
}
