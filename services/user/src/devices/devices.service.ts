import { Injectable } from '@nestjs/common';
import { DomainError } from '@prodvor/platform';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { IdGenerator } from '../common/id-generator';
import { DevicesRepository } from './devices.repository';
import { DeviceDto, type RegisterDeviceDto } from './dto/device.dto';

export const DeviceErrorCode = { NOT_FOUND: 'DEVICE_NOT_FOUND' } as const;

/** Push tokens, stored for a push channel to come; a user only sees and removes their own. */
@Injectable()
export class DevicesService {
  constructor(
    private readonly devices: DevicesRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async register(actor: Actor, dto: RegisterDeviceDto): Promise<DeviceDto> {
    const device = await this.devices.upsert({
      id: this.ids.id(),
      userId: actor.userId,
      token: dto.token,
      platform: dto.platform,
      createdAt: this.clock.now(),
    });
    return DeviceDto.from(device);
  }

  async list(actor: Actor): Promise<DeviceDto[]> {
    return (await this.devices.listByUser(actor.userId)).map((d) => DeviceDto.from(d));
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (!(await this.devices.delete(actor.userId, id))) {
      throw new DomainError(DeviceErrorCode.NOT_FOUND, 404, 'Device not found');
    }
  }
}
