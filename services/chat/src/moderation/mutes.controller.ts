import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor } from '@prodvor/platform';
import { MuteDto, MuteListDto, MuteUserDto } from './mute.dto';
import { MutesService } from './mutes.service';

@ApiTags('moderation')
@Authenticated()
@Controller('api/v1/chat/rooms/:roomId/mutes')
export class MutesController {
  constructor(private readonly mutes: MutesService) {}

  @Get()
  @ApiOkResponse({ type: MuteListDto, description: 'Active mutes; room moderators only' })
  async list(@CurrentActor() actor: Actor, @Param('roomId', ParseUUIDPipe) roomId: string): Promise<MuteListDto> {
    return { items: await this.mutes.list(actor, roomId) };
  }

  @Put(':userId')
  @ApiOkResponse({ type: MuteDto })
  mute(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: MuteUserDto,
  ): Promise<MuteDto> {
    return this.mutes.mute(actor, roomId, userId, dto.durationSeconds);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async unmute(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.mutes.unmute(actor, roomId, userId);
  }
}
