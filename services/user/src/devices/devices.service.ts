import { Injectable } from '@nestjs/common';
import { type AccountActor, AppConfig, Clock, DomainError, IdGenerator } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import { DevicesRepository } from './devices.repository';
import { DeviceDto, type RegisterDeviceDto } from './dto/device.dto';

export const DeviceErrorCode = {
  NOT_FOUND: 'DEVICE_NOT_FOUND',
  TOKEN_IN_USE: 'DEVICE_TOKEN_IN_USE',
  LIMIT_REACHED: 'DEVICE_LIMIT',
} as const;

/**
 * Push tokens (FCM pushes to them); a user only sees and removes their own, and holds at most DEVICE_MAX_PER_USER. A token
 * belongs to whoever registered it first until they remove it (an app removes it at logout), so a
 * stranger who learned it cannot redirect its notifications: 409 DEVICE_TOKEN_IN_USE.
 */
@Injectable()
export class DevicesService {
  private readonly limit: number;

  constructor(
    private readonly devices: DevicesRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    config: AppConfig<UserConfig>,
  ) {
    this.limit = config.get('DEVICE_MAX_PER_USER');
  }

  async register(actor: AccountActor, dto: RegisterDeviceDto): Promise<DeviceDto> {
    // Checked before the insert: parallel registrations can pass it together, by at most their number.
    if ((await this.devices.countOthers(actor.userId, dto.token)) >= this.limit)
      throw new DomainError(
        DeviceErrorCode.LIMIT_REACHED,
        422,
        `At most ${this.limit} devices per account receive push notifications: remove one first`,
      );
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
