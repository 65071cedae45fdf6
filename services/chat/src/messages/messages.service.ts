import { Inject, Injectable } from '@nestjs/common';
import type { ChatMessageSent } from '@prodvor/contracts';
import {
  type Actor,
  AppConfig,
  Clock,
  cursorAfter,
  idCursor,
  DomainError,
  EventPublisher,
  IdGenerator,
  type Page,
  PlatformErrorCode,
  toPage,
} from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import type { Message } from './message.model';
import { atLeast } from '../rooms/room-access';
import { RoomAccessService } from '../rooms/room-access.service';
import { MessageDto } from './dto/message.dto';
import type { ReportDto } from './dto/report-message.dto';
import { MessageErrors } from './message.errors';
import { MessagesRepository } from './messages.repository';
import { SendStateStore } from './send-state.store';

/** `deletedBy` of a message hidden by post-delivery moderation (no user did it): the nil UUID. */
export const MODERATION_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** History, search, edit, delete and report. Every call checks the caller's access to the room first. */
@Injectable()
export class MessagesService {
  private readonly maxLength: number;

  constructor(
    private readonly access: RoomAccessService,
    private readonly messages: MessagesRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly sendState: SendStateStore,
    private readonly changes: EventPublisher,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.maxLength = config.get('CHAT_MESSAGE_MAX_LENGTH');
  }

  async history(
    actor: Pick<Actor, 'userId' | 'roles'>,
    roomId: string,
    query: { limit: number; cursor?: string; q?: string },
  ): Promise<Page<MessageDto>> {
    await this.access.require(actor, roomId, 'read');
    const before = cursorAfter(query.cursor, idCursor)?.id;
    const rows = query.q
      ? await this.messages.search(roomId, query.q, query.limit + 1, before)
      : await this.messages.page(roomId, query.limit + 1, before);
    return toPage(rows, query.limit, (row) => ({ id: row.id }), MessageDto.from);
  }

  async edit(actor: Actor, roomId: string, messageId: string, text: string): Promise<MessageDto> {
    if (text.length > this.maxLength)
      throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Message is too long', [
        { field: 'text', message: `must be at most ${this.maxLength} characters` },
      ]);
    await this.access.require(actor, roomId, 'write');
    // An edit is a way of saying something new: a muted user may not.
    const mutedUntil = await this.sendState.mutedUntil(roomId, actor.userId);
    if (mutedUntil) throw MessageErrors.muted(mutedUntil);
    return this.transactions.run(async (tx) => {
      const message = await this.ownMessage(tx, roomId, messageId);
      if (message.senderId !== actor.userId) throw MessageErrors.notAuthor();
      const editedAt = this.clock.now();
      const edited = await this.messages.edit(tx, message.id, text, editedAt);
      await this.changes.publish(
        tx,
        'chat.message.edited',
        {
          messageId,
          roomId,
          editorId: actor.userId,
          text,
          editedAt: editedAt.toISOString(),
        },
        actor.correlationId,
      );
      return MessageDto.from(edited);
    });
  }

  /** The author deletes their own message; a room moderator any message of the room. */
  async delete(actor: Actor, roomId: string, messageId: string): Promise<MessageDto> {
    const { access } = await this.access.require(actor, roomId, 'read');
    return this.transactions.run(async (tx) => {
      const message = await this.ownMessage(tx, roomId, messageId);
      const isAuthor = message.senderId === actor.userId && atLeast(access, 'write');
      if (!isAuthor && !atLeast(access, 'moderate')) throw MessageErrors.notAuthor();
      const deleted = await this.softDelete(tx, message, actor.userId, actor.correlationId);
      if (!deleted) throw MessageErrors.deleted();
      return MessageDto.from(deleted);
    });
  }

  /**
   * The moderator delete without a moderator: post-delivery moderation hides a message it judged.
   * `sent` (the consumed event) is stored first when persistence has not stored it yet. False when
   * the message was already deleted (by anyone): a redelivery changes nothing and publishes nothing.
   */
  async hideByModeration(
    roomId: string,
    messageId: string,
    correlationId: string,
    sent?: ChatMessageSent,
  ): Promise<boolean> {
    if (sent) await this.messages.insertOnce(sent);
    return this.transactions.run(async (tx) => {
      const message = await this.messages.find(roomId, messageId, tx);
      if (!message || message.deletedAt) return false;
      return (await this.softDelete(tx, message, MODERATION_ACTOR_ID, correlationId)) !== null;
    });
  }

  async report(
    actor: Actor,
    roomId: string,
    messageId: string,
    reason: string,
  ): Promise<{ report: ReportDto; created: boolean }> {
    await this.access.require(actor, roomId, 'read');
    const message = await this.messages.find(roomId, messageId);
    if (!message) throw MessageErrors.notFound();
    const { report, created } = await this.messages.report({
      id: this.ids.id(),
      messageId,
      roomId,
      reporterId: actor.userId,
      reason,
    });
    return {
      report: { id: report.id, messageId, reason: report.reason, createdAt: report.createdAt.toISOString() },
      created,
    };
  }

  /** Soft delete + `chat.message.deleted` in one transaction; null when it was deleted meanwhile. */
  private async softDelete(
    tx: Tx,
    message: Message,
    deletedBy: string,
    correlationId: string,
  ): Promise<Message | null> {
    const deletedAt = this.clock.now();
    const deleted = await this.messages.softDelete(tx, message.id, deletedBy, deletedAt);
    if (!deleted) return null;
    await this.changes.publish(
      tx,
      'chat.message.deleted',
      {
        messageId: message.id,
        roomId: message.roomId,
        deletedBy,
        deletedAt: deletedAt.toISOString(),
      },
      correlationId,
    );
    return deleted;
  }

  private async ownMessage(tx: Tx, roomId: string, messageId: string): Promise<Message> {
    const message = await this.messages.find(roomId, messageId, tx);
    if (!message) throw MessageErrors.notFound();
    if (message.deletedAt) throw MessageErrors.deleted();
    return message;
  }
}
