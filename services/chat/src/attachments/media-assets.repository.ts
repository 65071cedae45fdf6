import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';

@Injectable()
export class MediaAssetsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Records a processed media object; a redelivery changes nothing (the owner of a media id never changes). */
  async record(asset: { mediaId: string; ownerId: string; purpose: string; receivedAt: Date }): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO media_assets (media_id, owner_id, purpose, received_at)
      VALUES (${asset.mediaId}::uuid, ${asset.ownerId}::uuid, ${asset.purpose}, ${asset.receivedAt})
      ON CONFLICT (media_id) DO NOTHING`;
  }

  /** How many of `mediaIds` belong to `ownerId`. */
  async countOwned(ownerId: string, mediaIds: string[]): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ owned: number }[]>`
      SELECT count(*)::int AS owned FROM media_assets WHERE owner_id = ${ownerId}::uuid AND media_id = ANY(${mediaIds}::uuid[])`;
    return row?.owned ?? 0;
  }
}
