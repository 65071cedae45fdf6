import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Actor, AppConfig, Clock, IdGenerator } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { AttachmentsService } from '../attachments/attachments.service';
import { RoomAccessService } from '../rooms/room-access.service';
import { ChatMessagesPublisher } from './chat-messages.publisher';
import { MessageErrors } from './message.errors';
import type { SendMessageInput } from './send-message.schema';
import { type SendAdmission, SendStateStore } from './send-state.store';

export interface SendResult {
  id: string;
  sentAt: string;
  /** True when this was a retry of an already accepted client message id. */
  duplicate: boolean;
}

/**
 * The send path: member of the room (write access), not muted, within the per-user rate, attachments
 * the sender's own media (local read model), then a
 * UUIDv7 id and `chat.messages.v1` keyed by room id. No database write and no call to another
 * service here: persistence and fan-out consume the topic.
 */
@Injectable()
export class MessageSenderService {
  private readonly logger = new Logger(MessageSenderService.name);
  private readonly userLimit: number;

  constructor(
    private readonly access: RoomAccessService,
    private readonly sendState: SendStateStore,
    private readonly attachments: AttachmentsService,
    private readonly publisher: ChatMessagesPublisher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.userLimit = config.get('CHAT_USER_SENDS_PER_WINDOW');
  }

  async send(actor: Actor, input: SendMessageInput): Promise<SendResult> {
    if (input.text.trim().length === 0 && input.attachments.length === 0) throw MessageErrors.empty();
    const { room } = await this.access.require(actor, input.roomId, 'write');
    const id = this.ids.id();
    const admission = await this.sendState.admit(actor.userId, room.id, input.clientMessageId, id);
    await this.refuseUnless(actor, room.id, input, admission);
    if (!admission.claimed) return { id: admission.messageId, sentAt: this.clock.now().toISOString(), duplicate: true };
    const sentAt = this.clock.now().toISOString();
    try {
      await this.publisher.publishSent(
        {
          messageId: id,
          roomId: room.id,
          roomKind: room.kind,
          senderId: actor.userId,
          clientMessageId: input.clientMessageId,
          text: input.text,
          attachments: input.attachments,
          ...(input.replyToId ? { replyToId: input.replyToId } : {}),
          mentions: [...new Set(input.mentions)].filter((userId) => userId !== actor.userId),
          sentAt,
        },
        actor.correlationId,
      );
    } catch (error) {
      this.logger.error({ err: error, roomId: room.id }, 'chat message not produced');
      await this.sendState.releaseClientId(actor.userId, room.id, input.clientMessageId).catch(() => undefined);
      throw MessageErrors.unavailable();
    }
    return { id, sentAt, duplicate: false };
  }

  /** Mute, rate and attachments, in that order; a refused send gives back the client message id it claimed. */
  private async refuseUnless(
    actor: Actor,
    roomId: string,
    input: SendMessageInput,
    { count, mutedUntil, claimed }: SendAdmission,
  ): Promise<void> {
    try {
      if (mutedUntil) throw MessageErrors.muted(mutedUntil);
      if (count > this.userLimit) throw MessageErrors.rateLimited();
      await this.attachments.requireOwned(actor.userId, input.attachments);
    } catch (error) {
      if (claimed)
        await this.sendState.releaseClientId(actor.userId, roomId, input.clientMessageId).catch(() => undefined);
      throw error;
    }
  }
}
