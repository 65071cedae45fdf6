import { Injectable } from '@nestjs/common';
import { createEnvelope, Topics, type ChatMessageSent, type EventEnvelope } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';

export const CHAT_SERVICE = 'chat';

interface Pending {
  key: string;
  value: string;
  done: (error?: Error) => void;
}

/**
 * Produces `chat.message.sent` to `chat.messages.v1` keyed by room id, so one room's messages keep
 * their order. Sends that arrive while a batch is in flight are gathered into the next `sendBatch`
 * (group commit): one round trip per batch, not per message, and each caller still waits for the
 * broker's acknowledgement of its own message.
 */
@Injectable()
export class ChatMessagesPublisher {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly kafka: KafkaService) {}

  publishSent(data: ChatMessageSent, correlationId: string): Promise<EventEnvelope> {
    const envelope = createEnvelope({
      type: 'chat.message.sent',
      producer: CHAT_SERVICE,
      subject: data.roomId,
      correlationId,
      data,
    });
    return new Promise((resolve, reject) => {
      this.queue.push({
        key: data.roomId,
        value: JSON.stringify(envelope),
        done: (error) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(envelope),
      });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.kafka.producer.publish(
          Topics.chatMessages,
          batch.map(({ key, value }) => ({ key, value })),
        );
        for (const pending of batch) pending.done();
      } catch (error) {
        for (const pending of batch) pending.done(error instanceof Error ? error : new Error('produce failed'));
      }
    }
    this.flushing = false;
  }
}
