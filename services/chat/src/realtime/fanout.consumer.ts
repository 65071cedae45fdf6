import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { consumerGroup, envelopeSchemaForTypes, Topics, typesOnTopic, type ChatMessageSent } from '@prodvor/contracts';
import { AppConfig, HealthRegistry, KafkaService } from '@prodvor/platform';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { ChatConfig } from '../config/chat.config';
import { ChatSocketServer } from './chat-socket.server';
import { RecentIds } from './recent-ids';

const chatTopicSchema = envelopeSchemaForTypes(typesOnTopic(Topics.chatMessages));

/** A stored-message shape for live delivery, identical to what history returns. */
export function liveMessage(data: ChatMessageSent) {
  return {
    id: data.messageId,
    roomId: data.roomId,
    senderId: data.senderId,
    clientMessageId: data.clientMessageId,
    text: data.text,
    attachments: data.attachments,
    mentions: data.mentions,
    replyToId: data.replyToId ?? null,
    sentAt: data.sentAt,
    editedAt: null,
    deleted: false,
    deletedAt: null,
  };
}

/**
 * Every instance reads `chat.messages.v1` in its own consumer group (`chat.fanout.<instance>.<random>`)
 * and emits each message to the room's sockets on this instance. A partition is read in order, and a
 * room is one key, so sockets see a room's messages in the order Kafka holds them.
 *
 * This is deliberately not the platform's consumer runner: live delivery starts at the latest offset,
 * commits nothing (the group is new on every start), retries nothing and dead-letters nothing: a
 * message that cannot be shown live is still in history, and the persistence group owns the DLQ.
 * A message seen shortly before (a producer retry: same message id; or a second id for the same sender
 * and client message id, which persistence drops) is not shown twice.
 */
@Injectable()
export class FanoutConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FanoutConsumer.name);
  private readonly consumer: Consumer;
  readonly groupId: string;
  private joined = false;
  private fetching = false;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly recent = new RecentIds();

  constructor(
    private readonly kafka: KafkaService,
    private readonly sockets: ChatSocketServer,
    health: HealthRegistry,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.groupId = consumerGroup(
      'chat',
      `fanout.${config.get('CHAT_INSTANCE_ID') ?? 'instance'}.${randomUUID().slice(0, 8)}`,
    );
    this.consumer = kafka.kafka.consumer({
      groupId: kafka.names.group(this.groupId),
      maxWaitTimeInMs: config.get('CHAT_FANOUT_MAX_WAIT_MS'),
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    // The first fetch after joining has resolved the latest offsets: from here on nothing is missed.
    this.consumer.on(this.consumer.events.FETCH, () => {
      if (!this.joined || this.fetching) return;
      this.fetching = true;
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    });
    health.register('chat-fanout', async () => {
      if (!this.fetching) throw new Error('fan-out consumer has not joined its group yet');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.kafka.names.topic(Topics.chatMessages)], fromBeginning: false });
    // Not awaited: joining takes a few seconds and readiness (`/health/ready`) reports it.
    void this.consumer
      .run({
        autoCommit: false,
        partitionsConsumedConcurrently: 8,
        eachMessage: async ({ message }) => {
          const parsed = chatTopicSchema.safeParse(safeJson(message.value?.toString('utf8')));
          if (!parsed.success) return;
          this.deliver(parsed.data);
        },
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'fan-out consumer failed'));
  }

  /** Resolves once this instance delivers every message produced from now on. */
  ready(): Promise<void> {
    if (this.fetching) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.disconnect().catch((error: unknown) => this.logger.warn({ err: error }, 'fan-out stop failed'));
  }

  private deliver(event: { type: string; data: unknown }): void {
    const io = this.sockets.io;
    if (!io) return;
    switch (event.type) {
      case 'chat.message.sent': {
        const data = event.data as ChatMessageSent;
        const clientKey = `${data.senderId}:${data.clientMessageId}`;
        if (!this.recent.firstTime(data.roomId, [data.messageId, clientKey])) return;
        io.to(data.roomId).emit('message', liveMessage(data));
        return;
      }
      case 'chat.message.edited':
      case 'chat.message.deleted': {
        const data = event.data as { roomId: string };
        io.to(data.roomId).emit(event.type === 'chat.message.edited' ? 'message:edited' : 'message:deleted', data);
        return;
      }
    }
  }
}

function safeJson(raw: string | undefined): unknown {
  try {
    return raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}
