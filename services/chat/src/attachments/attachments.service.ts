import { Injectable } from '@nestjs/common';
import { MessageErrors } from '../messages/message.errors';
import { MediaAssetsRepository } from './media-assets.repository';

@Injectable()
export class AttachmentsService {
  constructor(private readonly assets: MediaAssetsRepository) {}

  /**
   * Every attachment must be a processed media object the sender owns. Unknown ids and other users'
   * media get the same answer, so a sender learns nothing about media that is not theirs.
   */
  async requireOwned(senderId: string, mediaIds: string[]): Promise<void> {
    const unique = [...new Set(mediaIds)];
    if (unique.length === 0) return;
    if ((await this.assets.countOwned(senderId, unique)) !== unique.length) throw MessageErrors.attachmentNotOwned();
  }
}
