import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import { UNREAD_CAP } from '../rooms/rooms.repository';

@Injectable()
export class ReadReceiptsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Moves the receipt forward only: UUIDv7 ids compare in send order, so an older id never rewinds it.
   * Null when `messageId` is not a stored message of the room (nothing is written then).
   */
  async markRead(roomId: string, userId: string, messageId: string, at: Date): Promise<string | null> {
    const rows = await this.prisma.$queryRaw<{ last: string }[]>`
      INSERT INTO room_reads (room_id, user_id, last_read_message_id, updated_at)
      SELECT m.room_id, ${userId}::uuid, m.id, ${at}
      FROM messages m WHERE m.id = ${messageId}::uuid AND m.room_id = ${roomId}::uuid
      ON CONFLICT (room_id, user_id) DO UPDATE
        SET last_read_message_id = GREATEST(room_reads.last_read_message_id, EXCLUDED.last_read_message_id),
            updated_at = EXCLUDED.updated_at
      RETURNING last_read_message_id AS last`;
    return rows[0]?.last ?? null;
  }

  async unreadCount(roomId: string, userId: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ unread: number }[]>`
      SELECT count(*)::int AS unread FROM (
        SELECT 1 FROM messages m
        LEFT JOIN room_reads rr ON rr.room_id = m.room_id AND rr.user_id = ${userId}::uuid
        WHERE m.room_id = ${roomId}::uuid AND m.sender_id <> ${userId}::uuid AND m.deleted_at IS NULL
          AND (rr.last_read_message_id IS NULL OR m.id > rr.last_read_message_id)
        LIMIT ${UNREAD_CAP}) counted`;
    return rows[0].unread;
  }

  /** Everyone's receipt in a room: who has read up to where. */
  list(roomId: string, take: number): Promise<{ userId: string; lastReadMessageId: string; updatedAt: Date }[]> {
    return this.prisma.roomRead.findMany({
      where: { roomId },
      orderBy: { updatedAt: 'desc' },
      take,
      select: { userId: true, lastReadMessageId: true, updatedAt: true },
    });
  }
}
