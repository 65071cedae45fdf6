import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import type { Device } from '../device.model';

export const DEVICE_PLATFORMS = ['ios', 'android', 'web'] as const;

export class RegisterDeviceDto {
  @ApiProperty({ description: 'Push token from APNs / FCM / Web Push', minLength: 8, maxLength: 4096 })
  @IsString()
  @Length(8, 4096)
  @Matches(/^[\x21-\x7e]+$/, { message: 'token must be printable ASCII without spaces' })
  token!: string;

  @ApiProperty({ enum: DEVICE_PLATFORMS })
  @IsIn(DEVICE_PLATFORMS)
  platform!: string;
}

export class DeviceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DEVICE_PLATFORMS }) platform!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(device: Device): DeviceDto {
    return { id: device.id, platform: device.platform, createdAt: device.createdAt.toISOString() };
  }
}
