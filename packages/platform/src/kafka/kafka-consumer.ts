import { Logger } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import type { MetricsService } from '../metrics/metrics.service';
import type { KafkaProducer } from './kafka-producer';

export interface ConsumedMessage<T> {
  value: T;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
}

export interface ConsumerOptions<S extends z.ZodTypeAny> {
  groupId: string;
  topics: string[];
  /** Parses untrusted bytes; a message that does not match goes straight to the dead-letter topic. */
  schema: S;
  handle: (message: ConsumedMessage<z.infer<S>>) => Promise<void>;
  /** Attempts per message before it is parked on `<topic>.dlq` and the partition moves on. */
  maxAttempts?: number;
  retryBackoffMs?: number;
  fromBeginning?: boolean;
  /** Partitions handled at the same time; messages of one partition are always handled in order. */
  partitionsConsumedConcurrently?: number;
  /** How soon the group notices a member that died without leaving (kafkajs default 30 s). */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

export const DLQ_HEADERS = {
  error: 'x-dlq-error',
  topic: 'x-dlq-original-topic',
  partition: 'x-dlq-original-partition',
  offset: 'x-dlq-original-offset',
  attempts: 'x-dlq-attempts',
} as const;

function headersOf(message: KafkaMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) result[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A consumer group member that parses, handles with bounded retries and dead-letters.
 * Offsets are committed only after a message was handled or parked, so a restart loses nothing
 * (it may redeliver: handlers are idempotent through the inbox).
 */
export class KafkaConsumerRunner<S extends z.ZodTypeAny> {
  private readonly logger: Logger;
  private readonly consumer: Consumer;
  private running = false;

  constructor(
    kafka: Kafka,
    private readonly dlqProducer: KafkaProducer,
    private readonly options: ConsumerOptions<S>,
    private readonly metrics?: MetricsService,
  ) {
    this.logger = new Logger(`KafkaConsumer:${options.groupId}`);
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: true,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    // Lag after each batch: how far this group is behind the partition's high watermark.
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.metrics?.consumerLag
        .labels(this.options.groupId, payload.topic, String(payload.partition))
        .set(Number(payload.offsetLagLow));
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: async ({ topic, partition, message }) => this.process(topic, partition, message),
    });
    this.running = true;
  }

  /** Stops fetching, lets the message in hand finish, commits and leaves the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.consumer.disconnect();
    this.logger.log('consumer stopped');
  }

  private async process(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    let value: z.infer<S>;
    try {
      const parsed = this.options.schema.safeParse(JSON.parse(message.value?.toString('utf8') ?? ''));
      if (!parsed.success)
        throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      value = parsed.data as z.infer<S>;
    } catch (error) {
      await this.deadLetter(topic, partition, message, `invalid message: ${(error as Error).message}`, 0);
      return;
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    const consumed: ConsumedMessage<z.infer<S>> = {
      value,
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      headers: headersOf(message),
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handle(consumed);
        this.metrics?.messagesConsumed.labels('kafka', topic).inc();
        return;
      } catch (error) {
        if (attempt >= maxAttempts) {
          await this.deadLetter(topic, partition, message, (error as Error).message, attempt);
          return;
        }
        this.metrics?.messagesFailed.labels('kafka', topic, 'retried').inc();
        this.logger.warn({ err: error, topic, partition, offset: message.offset, attempt }, 'handler failed, retrying');
        await sleep((this.options.retryBackoffMs ?? 200) * 2 ** (attempt - 1));
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    // If parking fails, this throws: kafkajs does not commit and the message is delivered again.
    await this.dlqProducer.publish(`${topic}.dlq`, [
      {
        key: message.key?.toString('utf8') ?? '',
        value: message.value ?? '',
        headers: {
          ...headersOf(message),
          [DLQ_HEADERS.error]: reason.slice(0, 1000),
          [DLQ_HEADERS.topic]: topic,
          [DLQ_HEADERS.partition]: String(partition),
          [DLQ_HEADERS.offset]: message.offset,
          [DLQ_HEADERS.attempts]: String(attempts),
        },
      },
    ]);
    this.metrics?.messagesFailed.labels('kafka', topic, attempts === 0 ? 'rejected' : 'dead_lettered').inc();
    this.logger.error({ topic, partition, offset: message.offset, attempts, reason }, 'message dead-lettered');
  }
}
