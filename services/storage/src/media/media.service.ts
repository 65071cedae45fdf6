import { Injectable, Logger } from '@nestjs/common';
import { type Actor, AppConfig, cursorAfter, idCursor, type Page, toPage } from '@prodvor/platform';
import type { MediaPurpose } from '@prodvor/contracts';
import type { StorageConfig } from '../config/storage.config';
import { TransactionRunner } from '../database/transaction-runner';
import type { Media } from './media.model';
import { ObjectStorage } from '../s3/object-storage';
import type { MediaDto, StorageUsageDto } from './dto/media.dto';
import { canDelete, canRead, grantApplies, readAccess, showsOriginal } from './media-access';
import { MediaGrantVerifier } from './media-grant.verifier';
import { MediaErrors } from './media.errors';
import { toMediaDto } from './media.presenter';
import { MEDIA_RULES } from './media-rules';
import { MediaRepository, variantsOf } from './media.repository';
import { StorageUsageRepository } from './storage-usage.repository';

@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);

  constructor(
    private readonly media: MediaRepository,
    private readonly usage: StorageUsageRepository,
    private readonly storage: ObjectStorage,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig<StorageConfig>,
    private readonly grants: MediaGrantVerifier,
  ) {}

  /**
   * Metadata and short-lived presigned GETs, for those the visibility rule or a chat media grant lets
   * read; 404 for anyone else (an invalid or foreign grant too). The original only for `showsOriginal`.
   */
  async get(actor: Actor, mediaId: string, grant?: string): Promise<MediaDto> {
    const media = await this.media.find(mediaId);
    if (!media) throw MediaErrors.notFound();
    let access = readAccess(actor, media);
    if (!access && grant && grantApplies(media) && (await this.grants.allows(grant, media.id, actor.userId)))
      access = 'viewer';
    if (!access) throw MediaErrors.notFound();
    const ttl = this.config.get('DOWNLOAD_URL_TTL_SECONDS');
    const dto = toMediaDto(media);
    const variants = variantsOf(media);
    return {
      ...dto,
      ...(showsOriginal(access, media) ? { originalUrl: await this.storage.presignGet(media.key, ttl) } : {}),
      variants: await Promise.all(
        dto.variants.map(async (v, i) => ({ ...v, url: await this.storage.presignGet(variants[i].key, ttl) })),
      ),
    };
  }

  /**
   * A presigned GET of a ready variant of a purpose with `publicVariants`, for anyone; 404 for every other
   * case alike (unknown, not ready, a private purpose, an unknown variant), so nothing else is revealed.
   */
  async publicVariantUrl(mediaId: string, variantName: string): Promise<{ url: string; ttlSeconds: number }> {
    const media = await this.media.find(mediaId);
    const variant = media && variantsOf(media).find((v) => v.name === variantName);
    if (!media || media.status !== 'ready' || !MEDIA_RULES[media.purpose].publicVariants || !variant)
      throw MediaErrors.notFound();
    const ttlSeconds = this.config.get('DOWNLOAD_URL_TTL_SECONDS');
    return { url: await this.storage.presignGet(variant.key, ttlSeconds), ttlSeconds };
  }

  async listOwn(actor: Actor, limit: number, cursor?: string, purpose?: MediaPurpose): Promise<Page<MediaDto>> {
    const before = cursorAfter(cursor, idCursor)?.id;
    const rows = await this.media.listByOwner(actor.userId, limit + 1, purpose, before);
    return toPage(rows, limit, (row) => ({ id: row.id }), toMediaDto);
  }

  async usageOf(actor: Actor): Promise<StorageUsageDto> {
    const { bytes, objects } = await this.usage.usage(actor.userId);
    return {
      bytes,
      objects,
      maxBytes: this.config.get('QUOTA_BYTES_PER_USER'),
      maxObjects: this.config.get('QUOTA_OBJECTS_PER_USER'),
    };
  }

  /** Deletes the record, its share links and quota first, then the original and every variant. */
  async delete(actor: Actor, mediaId: string): Promise<void> {
    const media = await this.media.find(mediaId);
    if (!media || !canRead(actor, media)) throw MediaErrors.notFound();
    if (!canDelete(actor, media)) throw MediaErrors.notOwner();
    const deleted = await this.transactions.run(async (tx) => {
      const row = await this.media.delete(mediaId, tx);
      if (row) await this.usage.release(row.ownerId, Number(row.size), 1, tx);
      return row;
    });
    if (deleted) await this.deleteObjects(deleted);
  }

  async deleteObjects(media: Media): Promise<void> {
    try {
      await this.storage.delete(media.key, ...variantsOf(media).map((v) => v.key));
    } catch (error) {
      // The record is gone, so nobody can reach the objects; log them for the operator's cleanup.
      this.logger.error({ err: error, key: media.key }, 'media objects not deleted');
    }
  }
}
