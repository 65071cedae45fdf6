import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AccountActor, Authenticated, CurrentAccountActor } from '@prodvor/platform';
import { DevicesService } from './devices.service';
import { DeviceDto, RegisterDeviceDto } from './dto/device.dto';

@ApiTags('devices')
@Authenticated()
@Controller('api/v1/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post()
  @ApiCreatedResponse({ type: DeviceDto })
  register(@CurrentAccountActor() actor: AccountActor, @Body() dto: RegisterDeviceDto): Promise<DeviceDto> {
    return this.devices.register(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: [DeviceDto] })
  list(@CurrentAccountActor() actor: AccountActor): Promise<DeviceDto[]> {
    return this.devices.list(actor);
  }

  @Delete(':deviceId')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentAccountActor() actor: AccountActor,
    @Param('deviceId', ParseUUIDPipe) deviceId: string,
  ): Promise<void> {
    return this.devices.remove(actor, deviceId);
  }
}
