import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';

export interface MessageAttachments {
  attachments: string[];
  deleted: boolean;
}

@Injectable()
export class MessageAttachmentsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** The media ids a message of this room carries, and whether it was deleted; null for no such message. */
  async find(roomId: string, messageId: string): Promise<MessageAttachments | null> {
    const message = await this.prisma.message.findFirst({
      where: { id: messageId, roomId },
      select: { attachments: true, deletedAt: true },
    });
    return message && { attachments: message.attachments, deleted: message.deletedAt !== null };
  }
}
