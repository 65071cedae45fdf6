import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { RoomMute } from './room-mute.model';

@Injectable()
export class MutesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  upsert(mute: Omit<RoomMute, 'createdAt'>): Promise<RoomMute> {
    const { roomId, userId, ...fields } = mute;
    return this.prisma.roomMute.upsert({
      where: { roomId_userId: { roomId, userId } },
      create: mute,
      update: fields,
    });
  }

  async remove(roomId: string, userId: string): Promise<void> {
    await this.prisma.roomMute.deleteMany({ where: { roomId, userId } });
  }

  active(roomId: string, now: Date): Promise<RoomMute[]> {
    return this.prisma.roomMute.findMany({
      where: { roomId, until: { gt: now } },
      orderBy: { until: 'asc' },
      take: 200,
    });
  }
}
