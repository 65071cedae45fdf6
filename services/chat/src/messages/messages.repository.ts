import { Inject, Injectable } from '@nestjs/common';
import type { ChatMessageSent } from '@prodvor/contracts';
import { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Message, MessageReport } from './message.model';
import type { Tx } from '../database/transaction-runner';

@Injectable()
export class MessagesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Stores a consumed message once: a redelivery (same id) or a second id for the same client
   * message id changes nothing. True when this call stored it.
   */
  async insertOnce(message: ChatMessageSent): Promise<boolean> {
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO messages (id, room_id, sender_id, client_message_id, text, attachments, mentions, reply_to_id, sent_at)
      VALUES (${message.messageId}::uuid, ${message.roomId}::uuid, ${message.senderId}::uuid, ${message.clientMessageId},
        ${message.text}, ${message.attachments}::uuid[], ${message.mentions}::uuid[], ${message.replyToId ?? null}::uuid,
        ${new Date(message.sentAt)})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  find(roomId: string, id: string, db: Tx | PrismaClient = this.prisma): Promise<Message | null> {
    return db.message.findFirst({ where: { id, roomId } });
  }

  /** Newest first, strictly older than `beforeId`: keyset order stays stable while messages arrive. */
  page(roomId: string, take: number, beforeId?: string): Promise<Message[]> {
    return this.prisma.message.findMany({
      where: { roomId, ...(beforeId ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
  }

  search(roomId: string, query: string, take: number, beforeId?: string): Promise<Message[]> {
    const before = beforeId ? Prisma.sql`AND id < ${beforeId}::uuid` : Prisma.empty;
    return this.prisma.$queryRaw<Message[]>`
      SELECT id, room_id AS "roomId", sender_id AS "senderId", client_message_id AS "clientMessageId", text,
        attachments, mentions, reply_to_id AS "replyToId", sent_at AS "sentAt", edited_at AS "editedAt",
        deleted_at AS "deletedAt", deleted_by AS "deletedBy"
      FROM messages
      WHERE room_id = ${roomId}::uuid AND deleted_at IS NULL
        AND to_tsvector('simple', text) @@ plainto_tsquery('simple', ${query}) ${before}
      ORDER BY id DESC LIMIT ${take}`;
  }

  edit(tx: Tx, id: string, text: string, at: Date): Promise<Message> {
    return tx.message.update({ where: { id }, data: { text, editedAt: at } });
  }

  /** Null when the message is already deleted (a concurrent delete won): the first delete stands. */
  async softDelete(tx: Tx, id: string, by: string, at: Date): Promise<Message | null> {
    const { count } = await tx.message.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: at, deletedBy: by },
    });
    return count === 1 ? tx.message.findUniqueOrThrow({ where: { id } }) : null;
  }

  /** Applies an edit or delete seen on the topic; idempotent and never undoes a later change. */
  async applyEdit(id: string, text: string, at: Date): Promise<void> {
    await this.prisma.message.updateMany({
      where: { id, deletedAt: null, OR: [{ editedAt: null }, { editedAt: { lt: at } }] },
      data: { text, editedAt: at },
    });
  }

  async applyDelete(id: string, by: string, at: Date): Promise<void> {
    await this.prisma.message.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: at, deletedBy: by } });
  }

  /** The reporter's report of this message: the existing one on a repeat. */
  async report(report: Omit<MessageReport, 'createdAt'>): Promise<{ report: MessageReport; created: boolean }> {
    const inserted = await this.prisma.messageReport.createMany({ data: [report], skipDuplicates: true });
    const stored = await this.prisma.messageReport.findUniqueOrThrow({
      where: { messageId_reporterId: { messageId: report.messageId, reporterId: report.reporterId } },
    });
    return { report: stored, created: inserted.count === 1 };
  }
}
