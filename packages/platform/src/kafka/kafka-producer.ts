import { Logger } from '@nestjs/common';
import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { MetricsService } from '../metrics/metrics.service';
import { KafkaNames } from './kafka-names';

export interface OutgoingMessage {
  /** Partition key: the aggregate, room or match id, so one key's messages stay in order. */
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface TopicMessages {
  topic: string;
  messages: OutgoingMessage[];
}

/**
 * A producer with `acks: -1` (all in-sync replicas). Many messages go out in one
 * `sendBatch` call, never one round trip per message.
 */
export class KafkaProducer {
  private readonly logger = new Logger('KafkaProducer');
  private readonly producer: Producer;
  private connecting?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly metrics?: MetricsService,
    private readonly names = new KafkaNames(),
  ) {
    // One in-flight request keeps per-partition order across retries. Delivery is at-least-once by
    // design (consumers deduplicate by event id through their inbox). Topics are provisioned by
    // infrastructure (infra/kafka), so a missing topic fails the send instead of appearing silently.
    this.producer = kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // kafkajs 2's default (Java client compatible) partitioner, named so kafkajs does not warn about it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.publishBatch([{ topic, messages }]);
  }

  async publishBatch(batches: TopicMessages[]): Promise<void> {
    const topicMessages = batches
      .filter((batch) => batch.messages.length > 0)
      .map((batch) => ({ topic: this.names.topic(batch.topic), messages: batch.messages.map(toKafkaMessage) }));
    if (topicMessages.length === 0) return;
    await this.connect();
    await this.producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
    for (const batch of batches)
      this.metrics?.messagesPublished.labels('kafka', batch.topic).inc(batch.messages.length);
  }

  async disconnect(): Promise<void> {
    if (!this.connecting) return;
    await this.connecting.catch(() => undefined);
    await this.producer.disconnect();
    this.connecting = undefined;
    this.logger.log('producer disconnected');
  }
}

function toKafkaMessage(message: OutgoingMessage): Message {
  return { key: message.key, value: message.value, headers: message.headers };
}
