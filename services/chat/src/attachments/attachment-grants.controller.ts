import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor } from '@prodvor/platform';
import { AttachmentGrantsService } from './attachment-grants.service';
import { AttachmentGrantListDto } from './dto/attachment-grant.dto';

@ApiTags('messages')
@Authenticated()
@Controller('api/v1/chat/rooms/:roomId/messages/:messageId/attachments')
export class AttachmentGrantsController {
  constructor(private readonly grants: AttachmentGrantsService) {}

  @Get()
  @ApiOkResponse({
    type: AttachmentGrantListDto,
    description: "A grant per attachment for the caller (readers of the room), to read it from storage's media route",
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Param('messageId', ParseUUIDPipe) messageId: string,
  ): Promise<AttachmentGrantListDto> {
    return this.grants.grantsFor(actor, roomId, messageId);
  }
}
