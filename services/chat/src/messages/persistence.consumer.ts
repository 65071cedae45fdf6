import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { consumerGroup, Topics } from '@prodvor/contracts';
import { isPermanentDataError, type KafkaConsumerRunner, KafkaService } from '@prodvor/platform';
import { OfflineDeliveryService } from '../notifications/offline-delivery.service';
import { chatTopicEventSchema, type ChatTopicEvent } from './chat-topic-events';
import { MessagesRepository } from './messages.repository';

export const PERSISTENCE_GROUP = consumerGroup('chat', 'persistence');

/**
 * The persistence consumer group: writes `chat.messages.v1` to PostgreSQL. Offsets are committed after
 * the write, and the write is idempotent (message id, and sender + client message id), so a restart
 * mid-stream neither loses nor duplicates messages, and a database outage holds the partition back
 * rather than dead-lettering what was already acknowledged.
 */
@Injectable()
export class PersistenceConsumer implements OnModuleInit {
  private readonly logger = new Logger(PersistenceConsumer.name);
  private runner?: KafkaConsumerRunner<typeof chatTopicEventSchema>;

  constructor(
    private readonly kafka: KafkaService,
    private readonly messages: MessagesRepository,
    private readonly offline: OfflineDeliveryService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async start(): Promise<void> {
    this.runner = await this.kafka.createConsumer({
      groupId: PERSISTENCE_GROUP,
      topics: [Topics.chatMessages],
      schema: chatTopicEventSchema,
      partitionsConsumedConcurrently: 4,
      // A message already acknowledged to its sender must not be dead-lettered because PostgreSQL is down:
      // the partition waits (retrying, capped backoff) until it is back. Only unparseable messages and data
      // the database refuses go to the DLQ.
      isRetriable: (error) => !isPermanentDataError(error),
      handle: ({ value }) => this.handle(value),
    });
  }

  /** Leaves the group (finishing the message in hand); `start()` joins again from the committed offsets. */
  async stop(): Promise<void> {
    await this.runner?.stop();
  }

  private async handle(event: ChatTopicEvent): Promise<void> {
    switch (event.type) {
      case 'chat.message.sent': {
        if (!(await this.messages.insertOnce(event.data))) return;
        // Notifications are a courtesy: their failure must not hold the partition back.
        await this.offline.onStored(event.data).catch((error: unknown) => {
          this.logger.warn({ err: error, messageId: event.data.messageId }, 'offline delivery skipped');
        });
        return;
      }
      case 'chat.message.edited':
        return this.messages.applyEdit(event.data.messageId, event.data.text, new Date(event.data.editedAt));
      case 'chat.message.deleted':
        return this.messages.applyDelete(event.data.messageId, event.data.deletedBy, new Date(event.data.deletedAt));
    }
  }
}
