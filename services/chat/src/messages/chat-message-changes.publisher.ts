import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Topics,
  type chatMessageDeletedData,
  type chatMessageEditedData,
} from '@prodvor/contracts';
import { appendToOutbox, Clock } from '@prodvor/platform';
import type { z } from 'zod';
import type { Tx } from '../database/transaction-runner';
import { CHAT_SERVICE } from './chat-messages.publisher';

/** The changes to a stored message chat-service announces, by type, with their contract payloads. */
export interface ChatMessageChangeData {
  'chat.message.edited': z.infer<typeof chatMessageEditedData>;
  'chat.message.deleted': z.infer<typeof chatMessageDeletedData>;
}
export type ChatMessageChangeType = keyof ChatMessageChangeData;

/**
 * Edits and deletions go through the outbox: an outbox row written in the caller's transaction, relayed
 * to `chat.messages.v1` keyed by room id, so live clients hear of the change if and only if it committed.
 * Payloads are checked against the contract before they are stored.
 */
@Injectable()
export class ChatMessageChangesPublisher {
  constructor(private readonly clock: Clock) {}

  async publish<T extends ChatMessageChangeType>(
    tx: Tx,
    type: T,
    data: ChatMessageChangeData[T],
    correlationId: string,
  ): Promise<void> {
    const envelope = createEnvelope({
      type,
      producer: CHAT_SERVICE,
      subject: data.roomId,
      correlationId,
      data,
      now: this.clock.now(),
    });
    envelopeSchemaFor(type).parse(envelope);
    await appendToOutbox(tx, { topic: Topics.chatMessages, key: data.roomId, envelope });
  }
}
