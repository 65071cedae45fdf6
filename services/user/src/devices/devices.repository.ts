import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client';
import type { Device } from './device.model';
import { isUniqueViolation } from '@prodvor/platform';

@Injectable()
export class DevicesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Registers a token for `device.userId`, or refreshes it when that user registered it before. A token
   * registered by someone else stays theirs: the answer is null (taking it over would let anyone who
   * learns a token receive its owner's notifications).
   */
  async registerFor(device: Omit<Device, 'createdAt'> & { createdAt: Date }): Promise<Device | null> {
    const where = { token: device.token, userId: device.userId };
    const { count } = await this.prisma.device.updateMany({
      where,
      data: { platform: device.platform, createdAt: device.createdAt },
    });
    if (count === 0) {
      try {
        return await this.prisma.device.create({ data: device });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // registered meanwhile, by this user (a parallel retry) or by another: decided below
      }
    }
    return this.prisma.device.findFirst({ where });
  }

  /** How many devices the user has, not counting `token` (re-registering a known token adds none). */
  countOthers(userId: string, token: string): Promise<number> {
    return this.prisma.device.count({ where: { userId, NOT: { token } } });
  }

  listByUser(userId: string): Promise<Device[]> {
    return this.prisma.device.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: 50 });
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.device.deleteMany({ where: { id, userId } });
    return count === 1;
  }

  /** FCM said the token is no longer registered (the app was uninstalled or the token rotated). */
  async forget(id: string): Promise<void> {
    await this.prisma.device.deleteMany({ where: { id } });
  }
}
