import { Logger } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
import { Gauge } from 'prom-client';
import type { z } from 'zod';
import { isDependencyUnavailable } from '../errors/dependency-failure';
import { withCorrelationId } from '../logging/log-context';
import type { MetricsService } from '../metrics/metrics.service';
import { KafkaNames } from './kafka-names';
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
  /**
   * Failures worth waiting out rather than dead-lettering (a dependency down: database, broker): they do
   * not count towards `maxAttempts`; the message is retried without limit, with exponential backoff capped
   * at `maxRetryBackoffMs`, and the partition does not move past it. Messages that fail to parse are still
   * dead-lettered at once, and other handler errors after `maxAttempts`. Default: `isDependencyUnavailable`
   * (the database or another dependency unreachable), so an outage never parks messages in the DLQ.
   */
  isRetriable?: (error: unknown) => boolean;
  /** Cap on the pause between retries of a retriable failure (default 30 s). */
  maxRetryBackoffMs?: number;
  fromBeginning?: boolean;
  /** Partitions handled at the same time; messages of one partition are always handled in order. */
  partitionsConsumedConcurrently?: number;
  /** How soon the group notices a member that died without leaving (kafkajs default 30 s). */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /**
   * Longest a fetch waits on the broker for new messages (default 1 s). Messages arrive as soon as they
   * are written whatever this is; it bounds how long stopping waits for the fetch in flight.
   */
  maxWaitTimeMs?: number;
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

/** Envelopes carry `correlationId`; a message from an older producer may carry it only in the value. */
function correlationIdOf(value: unknown): string | undefined {
  const id = (value as { correlationId?: unknown } | null)?.correlationId;
  return typeof id === 'string' ? id : undefined;
}

const WAITING_GAUGE = 'kafka_consumer_waiting';

/** 1 while a partition waits out a retriable failure (a dependency down), by group, topic and partition. */
function waitingGauge(metrics?: MetricsService): Gauge<'group' | 'topic' | 'partition'> | undefined {
  if (!metrics) return undefined;
  const existing = metrics.registry.getSingleMetric(WAITING_GAUGE);
  if (existing) return existing as Gauge<'group' | 'topic' | 'partition'>;
  return new Gauge({
    name: WAITING_GAUGE,
    help: 'Partitions held back by a retriable handler failure (a dependency down), by group, topic and partition',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [metrics.registry],
  });
}

/**
 * A consumer group member that parses, handles with bounded retries and dead-letters.
 * Offsets are committed only after a message was handled or parked, so a restart loses nothing
 * (it may redeliver: handlers are idempotent through the inbox).
 */
export class KafkaConsumerRunner<S extends z.ZodTypeAny> {
  private readonly logger: Logger;
  private readonly consumer: Consumer;
  private running = false;
  /** Aborted by `stop()`: wakes a handler waiting out a retriable failure so the member can leave. */
  private stopping = new AbortController();
  private readonly waiting?: Gauge<'group' | 'topic' | 'partition'>;

  constructor(
    kafka: Kafka,
    private readonly dlqProducer: KafkaProducer,
    private readonly options: ConsumerOptions<S>,
    private readonly metrics?: MetricsService,
    private readonly names = new KafkaNames(),
  ) {
    this.logger = new Logger(`KafkaConsumer:${options.groupId}`);
    this.consumer = kafka.consumer({
      groupId: names.group(options.groupId),
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 1_000,
    });
    this.waiting = waitingGauge(metrics);
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    // Lag after each batch: how far this group is behind the partition's high watermark.
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.metrics?.consumerLag
        .labels(this.options.groupId, this.names.unprefixed(payload.topic), String(payload.partition))
        .set(Number(payload.offsetLagLow));
    });
    this.stopping = new AbortController();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((topic) => this.names.topic(topic)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: async ({ topic, partition, message, heartbeat }) =>
        this.process(this.names.unprefixed(topic), partition, message, heartbeat),
    });
    this.running = true;
  }

  /** Stops fetching, lets the message in hand finish, commits and leaves the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    await this.consumer.disconnect();
    this.logger.log('consumer stopped');
  }

  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
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
    const consumed: ConsumedMessage<z.infer<S>> = {
      value,
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      headers: headersOf(message),
    };
    const correlationId = consumed.headers['correlation-id'] ?? correlationIdOf(value);
    await withCorrelationId(correlationId, () => this.handleWithRetries(consumed, message, heartbeat));
  }

  private async handleWithRetries(
    consumed: ConsumedMessage<z.infer<S>>,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { topic, partition } = consumed;
    const maxAttempts = this.options.maxAttempts ?? 5;
    const labels = [this.options.groupId, topic, String(partition)] as const;
    let failures = 0;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.options.handle(consumed);
          this.metrics?.messagesConsumed.labels('kafka', topic).inc();
          return;
        } catch (error) {
          const retriable = (this.options.isRetriable ?? isDependencyUnavailable)(error);
          if (!retriable && ++failures >= maxAttempts) {
            await this.deadLetter(topic, partition, message, (error as Error).message, attempt);
            return;
          }
          // Stopping: leave the message uncommitted; the next member of the group gets it again.
          if (this.stopping.signal.aborted) throw error;
          if (retriable) this.waiting?.labels(...labels).set(1);
          this.metrics?.messagesFailed.labels('kafka', topic, 'retried').inc();
          this.logger.warn(
            { err: error, topic, partition, offset: message.offset, attempt, retriable },
            retriable ? 'handler failed (retriable), waiting before the next attempt' : 'handler failed, retrying',
          );
          const backoff = (this.options.retryBackoffMs ?? 200) * 2 ** Math.min(attempt - 1, 20);
          await delay(Math.min(backoff, this.options.maxRetryBackoffMs ?? 30_000), undefined, {
            signal: this.stopping.signal,
          }).catch(() => undefined);
          if (this.stopping.signal.aborted) throw error;
          // A long wait must not cost the group membership (a rebalance error here ends the wait: redelivered).
          await heartbeat();
        }
      }
    } finally {
      this.waiting?.labels(...labels).set(0);
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
