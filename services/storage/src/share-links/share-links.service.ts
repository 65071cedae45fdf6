import { Injectable } from '@nestjs/common';
import { type Actor, AppConfig, Clock, IdGenerator } from '@prodvor/platform';
import { createHash } from 'node:crypto';
import type { StorageConfig } from '../config/storage.config';
import type { Media } from '../media/media.model';
import type { ShareLink } from './share-link.model';
import { canDelete, canRead, hasStrippedVariants } from '../media/media-access';
import { MediaErrors } from '../media/media.errors';
import { MediaRepository, variantsOf, type StoredVariant } from '../media/media.repository';
import { ObjectStorage, type ObjectStream } from '../s3/object-storage';
import { parseRange } from './byte-range';
import type { CreateShareLinkDto, ShareLinkDto } from './dto/share-link.dto';
import { ShareLinkErrors } from './share-link.errors';
import { ShareLinksRepository, type ShareLinkWithMedia } from './share-links.repository';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface ShareDownload {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body?: ObjectStream['body'];
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toDto(link: ShareLink, token?: string): ShareLinkDto {
  return {
    id: link.id,
    mediaId: link.mediaId,
    ...(token ? { url: `/api/v1/share/${token}` } : {}),
    expiresAt: link.expiresAt.toISOString(),
    maxDownloads: link.maxDownloads,
    downloads: link.downloads,
    revoked: link.revokedAt !== null,
    createdAt: link.createdAt.toISOString(),
  };
}

interface SharedObject {
  key: string;
  size: number;
  contentType: string;
  filename: string;
}

/**
 * What a link hands out. Anyone holding the token downloads anonymously, so images with variants serve
 * their largest WebP variant (no EXIF/GPS); the original with its metadata stays with the owner
 * (GET /api/v1/media/{id}). Until the variants exist there is nothing to serve (409).
 */
function sharedObject(media: Media): SharedObject {
  if (!hasStrippedVariants(media))
    return { key: media.key, size: Number(media.size), contentType: media.contentType, filename: media.id };
  const largest = variantsOf(media).reduce<StoredVariant | undefined>(
    (best, v) => (!best || v.width * v.height > best.width * best.height ? v : best),
    undefined,
  );
  if (media.status !== 'ready' || !largest) throw MediaErrors.notReady();
  return { key: largest.key, size: largest.bytes, contentType: largest.contentType, filename: `${media.id}.webp` };
}

/**
 * Share links: the owner hands out a URL whose token is the capability, bounded by an expiry and a
 * download count. A GET of the whole file or of a range from byte 0 counts one download and opens a
 * session for that client (its address and user agent) for SHARE_DOWNLOAD_SESSION_SECONDS; a range from
 * a later offset by the same client inside its session continues that download (a player seeking, a
 * resumed transfer) and is not counted again. Any other request counts, wherever its range starts, so
 * an exhausted link serves nobody new. HEAD never counts.
 */
@Injectable()
export class ShareLinksService {
  constructor(
    private readonly links: ShareLinksRepository,
    private readonly media: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly config: AppConfig<StorageConfig>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(actor: Actor, dto: CreateShareLinkDto): Promise<ShareLinkDto> {
    const media = await this.media.find(dto.mediaId);
    if (!media || !canRead(actor, media)) throw MediaErrors.notFound();
    // A link hands the file to anyone holding it: only the owner decides that, not a moderator.
    if (media.ownerId !== actor.userId) throw MediaErrors.notOwner();
    const maxTtl = this.config.get('SHARE_LINK_MAX_TTL_SECONDS');
    const maxDownloads = this.config.get('SHARE_LINK_MAX_DOWNLOADS');
    if (dto.expiresInSeconds > maxTtl) throw ShareLinkErrors.limitTooHigh('expiresInSeconds', maxTtl);
    if (dto.maxDownloads > maxDownloads) throw ShareLinkErrors.limitTooHigh('maxDownloads', maxDownloads);
    const token = this.ids.secret(32);
    const link = await this.links.create({
      id: this.ids.id(),
      mediaId: media.id,
      createdBy: actor.userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(this.clock.now().getTime() + dto.expiresInSeconds * 1000),
      maxDownloads: dto.maxDownloads,
    });
    return toDto(link, token);
  }

  async listForMedia(actor: Actor, mediaId: string): Promise<ShareLinkDto[]> {
    const media = await this.media.find(mediaId);
    if (!media || !canRead(actor, media)) throw MediaErrors.notFound();
    if (!canDelete(actor, media)) throw MediaErrors.notOwner();
    return (await this.links.listForMedia(mediaId)).map((link) => toDto(link));
  }

  async revoke(actor: Actor, linkId: string): Promise<void> {
    const link = await this.links.find(linkId);
    const media = link && (await this.media.find(link.mediaId));
    if (!link || !media || !canDelete(actor, media)) throw ShareLinkErrors.notFound();
    await this.links.revoke(link.id, this.clock.now());
  }

  /** Checks the link, counts the download atomically, then streams the object (or the asked range). */
  async download(
    token: string,
    rangeHeader: string | undefined,
    head: boolean,
    client: { ip: string; userAgent?: string },
  ): Promise<ShareDownload> {
    if (!TOKEN.test(token)) throw ShareLinkErrors.notFound();
    const tokenHash = hashToken(token);
    const link = await this.links.findByTokenHash(tokenHash);
    if (!link) throw ShareLinkErrors.notFound();
    this.assertOpen(link);
    const shared = sharedObject(link.media);
    const size = shared.size;
    const headers: Record<string, string> = {
      'content-type': shared.contentType,
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
      'content-disposition': `attachment; filename="${shared.filename}"`,
    };
    const range = parseRange(rangeHeader, size);
    if (range.kind === 'unsatisfiable')
      return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } };
    if (head) {
      this.assertUsable(link);
      return { status: 200, headers: { ...headers, 'content-length': String(size) } };
    }
    const clientHash = hashToken(`${client.ip}\n${client.userAgent ?? ''}`);
    const now = this.clock.now();
    const continues =
      range.kind === 'partial' && range.start > 0 && (await this.links.hasSession(link.id, clientHash, now));
    if (!continues) {
      const sessionEnds = new Date(now.getTime() + this.config.get('SHARE_DOWNLOAD_SESSION_SECONDS') * 1000);
      if (!(await this.links.claimDownload(tokenHash, clientHash, now, sessionEnds))) {
        const latest = await this.links.findByTokenHash(tokenHash);
        if (latest) this.assertUsable(latest);
        throw ShareLinkErrors.exhausted();
      }
    }
    const object = await this.storage.stream(
      shared.key,
      range.kind === 'partial' ? `bytes=${range.start}-${range.end}` : undefined,
    );
    if (!object) throw MediaErrors.notFound();
    const partial = range.kind === 'partial';
    return {
      status: partial ? 206 : 200,
      headers: {
        ...headers,
        'content-length': String(object.contentLength),
        ...(partial ? { 'content-range': object.contentRange ?? `bytes ${range.start}-${range.end}/${size}` } : {}),
      },
      body: object.body,
    };
  }

  private assertUsable(link: ShareLinkWithMedia | ShareLink): void {
    this.assertOpen(link);
    if (link.downloads >= link.maxDownloads) throw ShareLinkErrors.exhausted();
  }

  /** Neither revoked nor expired: enough to serve the rest of a download already counted. */
  private assertOpen(link: ShareLinkWithMedia | ShareLink): void {
    if (link.revokedAt) throw ShareLinkErrors.revoked();
    if (link.expiresAt <= this.clock.now()) throw ShareLinkErrors.expired();
  }
}
