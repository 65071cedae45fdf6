import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Media } from '../media/media.model';
import type { ShareLink } from './share-link.model';

export type ShareLinkWithMedia = ShareLink & { media: Media };

@Injectable()
export class ShareLinksRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  create(link: Omit<ShareLink, 'downloads' | 'revokedAt' | 'createdAt'>): Promise<ShareLink> {
    return this.prisma.shareLink.create({ data: link });
  }

  findByTokenHash(tokenHash: string): Promise<ShareLinkWithMedia | null> {
    return this.prisma.shareLink.findUnique({ where: { tokenHash }, include: { media: true } });
  }

  find(id: string): Promise<ShareLink | null> {
    return this.prisma.shareLink.findUnique({ where: { id } });
  }

  listForMedia(mediaId: string): Promise<ShareLink[]> {
    return this.prisma.shareLink.findMany({ where: { mediaId }, orderBy: { id: 'desc' }, take: 100 });
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.prisma.shareLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  }

  /**
   * Counts one download if the link is still valid, in one statement: the row lock serialises
   * concurrent downloads, so exactly `max_downloads` of them ever succeed. The counted download opens
   * (or renews) the client's session until `sessionEnds`.
   */
  async claimDownload(tokenHash: string, clientHash: string, now: Date, sessionEnds: Date): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ link_id: string }[]>`
      WITH claimed AS (
        UPDATE share_links SET downloads = downloads + 1
        WHERE token_hash = ${tokenHash} AND revoked_at IS NULL AND expires_at > ${now}
          AND downloads < max_downloads
        RETURNING id
      )
      INSERT INTO share_link_sessions (link_id, client_hash, expires_at)
      SELECT id, ${clientHash}, ${sessionEnds} FROM claimed
      ON CONFLICT (link_id, client_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at
      RETURNING link_id`;
    return rows.length === 1;
  }

  /** Whether this client has a counted download of the link still going on. */
  async hasSession(linkId: string, clientHash: string, now: Date): Promise<boolean> {
    const session = await this.prisma.shareLinkSession.findFirst({
      where: { linkId, clientHash, expiresAt: { gt: now } },
      select: { linkId: true },
    });
    return session !== null;
  }
}
