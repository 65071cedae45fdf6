import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Device } from '../generated/prisma/client';

@Injectable()
export class DevicesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** A token belongs to one user: registering it again (after a re-login on the device) moves it to the caller. */
  upsert(device: Omit<Device, 'createdAt'> & { createdAt: Date }): Promise<Device> {
    return this.prisma.device.upsert({
      where: { token: device.token },
      create: device,
      update: { userId: device.userId, platform: device.platform, createdAt: device.createdAt },
    });
  }

  listByUser(userId: string): Promise<Device[]> {
    return this.prisma.device.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: 50 });
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.device.deleteMany({ where: { id, userId } });
    return count === 1;
  }
}
