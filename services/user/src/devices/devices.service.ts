import { Injectable } from '@nestjs/common';
import { type AccountActor, Clock, DomainError, IdGenerator } from '@prodvor/platform';
import { DevicesRepository } from './devices.repository';
import { DeviceDto, type RegisterDeviceDto } from './dto/device.dto';

export const DeviceErrorCode = { NOT_FOUND: 'DEVICE_NOT_FOUND', TOKEN_IN_USE: 'DEVICE_TOKEN_IN_USE' } as const;

/**
 * Push tokens, stored for a push channel to come; a user only sees and removes their own. A token
 * belongs to whoever registered it first until they remove it (an app removes it at logout), so a
 * stranger who learned it cannot redirect its notifications: 409 DEVICE_TOKEN_IN_USE.
 */
@Injectable()
export class DevicesService {
  constructor(
    private readonly devices: DevicesRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async register(actor: AccountActor, dto: RegisterDeviceDto): Promise<DeviceDto> {
    const device = await this.devices.registerFor({
      id: this.ids.id(),
      userId: actor.userId,
      token: dto.token,
      platform: dto.platform,
      createdAt: this.clock.now(),
    });
    if (!device)
      throw new DomainError(DeviceErrorCode.TOKEN_IN_USE, 409, 'This push token is registered to another account');
    return DeviceDto.from(device);
  }

  async list(actor: AccountActor): Promise<DeviceDto[]> {
    return (await this.devices.listByUser(actor.userId)).map((d) => DeviceDto.from(d));
  }

  async remove(actor: AccountActor, id: string): Promise<void> {
    if (!(await this.devices.delete(actor.userId, id))) {
      throw new DomainError(DeviceErrorCode.NOT_FOUND, 404, 'Device not found');
    }
  }
}
