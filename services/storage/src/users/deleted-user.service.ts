import { Injectable, Logger } from '@nestjs/common';
import { mediaPurpose } from '@prodvor/contracts';
import { claimInbox, type UserDeletedEvent, type UserDeletedHandler } from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import { ImportsRepository } from '../imports/imports.repository';
import { MediaRepository } from '../media/media.repository';
import { StorageUsageRepository } from '../media/storage-usage.repository';
import { ObjectStorage } from '../s3/object-storage';
import { UploadsRepository } from '../uploads/uploads.repository';

export const USER_DELETED_CONSUMER = 'storage.user-deleted';

/**
 * Forgets a deleted account: every object under its key prefixes (originals, variants, open multipart
 * uploads), then its media (and their share links), uploads, imports and usage rows; staged single
 * uploads go with the upload sweeper's next pass. Objects go first and again after the commit, so a failure is retried by redelivery and
 * an upload finishing meanwhile leaves nothing behind. The event id is claimed in the inbox in the same
 * transaction as the row deletions: a redelivered event changes nothing.
 */
@Injectable()
export class DeletedUserService implements UserDeletedHandler {
  private readonly logger = new Logger(DeletedUserService.name);

  constructor(
    private readonly media: MediaRepository,
    private readonly uploads: UploadsRepository,
    private readonly imports: ImportsRepository,
    private readonly usage: StorageUsageRepository,
    private readonly storage: ObjectStorage,
    private readonly transactions: TransactionRunner,
  ) {}

  async handle(event: UserDeletedEvent): Promise<void> {
    const { userId } = event.data;
    await this.deleteObjects(userId);
    const handled = await this.transactions.run(async (tx) => {
      if (!(await claimInbox(tx, USER_DELETED_CONSUMER, event.id))) return false;
      const media = await this.media.deleteAllOf(userId, tx);
      await this.uploads.forgetOwner(userId, tx);
      await this.imports.forgetOwner(userId, tx);
      await this.usage.forget(userId, tx);
      this.logger.log({ eventId: event.id, media: media.length }, 'deleted user forgotten');
      return true;
    });
    if (!handled) return;
    await this.deleteObjects(userId).catch((error: unknown) => {
      this.logger.error({ err: error, eventId: event.id }, 'objects of a deleted user left after the second pass');
    });
  }

  private async deleteObjects(userId: string): Promise<void> {
    for (const upload of await this.uploads.pendingMultipartOf(userId)) {
      await this.storage.abortMultipart(upload.key, upload.multipartUploadId);
    }
    for (const purpose of mediaPurpose.options) {
      await this.storage.delete(...(await this.storage.listKeys(`${purpose}/${userId}/`)));
    }
  }
}
