import { Injectable } from '@nestjs/common';
import { MessageErrors } from '../messages/message.errors';
import { RoomAccessService } from '../rooms/room-access.service';
import type { AttachmentGrantListDto } from './dto/attachment-grant.dto';
import { MediaGrantSigner } from './media-grant.signer';
import { MessageAttachmentsRepository } from './message-attachments.repository';
import type { Actor } from '@prodvor/platform';

/**
 * Media grants for the attachments of one message: chat knows who may read the room, storage does not,
 * so chat vouches per viewer and storage serves the attachment to that viewer (X-Media-Grant).
 */
@Injectable()
export class AttachmentGrantsService {
  constructor(
    private readonly access: RoomAccessService,
    private readonly messages: MessageAttachmentsRepository,
    private readonly signer: MediaGrantSigner,
  ) {}

  /** 404 for a room the caller may not read (as every chat route), for an unknown or a deleted message. */
  async grantsFor(actor: Actor, roomId: string, messageId: string): Promise<AttachmentGrantListDto> {
    await this.access.require(actor, roomId, 'read');
    const message = await this.messages.find(roomId, messageId);
    // A deleted message shows without its attachments in history; it hands out no grants either.
    if (!message || message.deleted) throw MessageErrors.notFound();
    const items = await Promise.all(
      [...new Set(message.attachments)].map(async (mediaId) => {
        const { grant, expiresAt } = await this.signer.sign({ mediaId, viewerId: actor.userId, roomId });
        return { mediaId, grant, expiresAt: expiresAt.toISOString() };
      }),
    );
    return { items };
  }
}
