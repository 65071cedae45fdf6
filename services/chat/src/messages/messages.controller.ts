import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, type Page, RateLimit } from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
import { EditMessageDto } from './dto/edit-message.dto';
import { HistoryQueryDto } from './dto/history.query.dto';
import { MessageDto, MessagePageDto } from './dto/message.dto';
import { ReportDto, ReportMessageDto } from './dto/report-message.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@Authenticated()
@Controller('api/v1/chat/rooms/:roomId/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOkResponse({ type: MessagePageDto })
  history(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Query() query: HistoryQueryDto,
  ): Promise<Page<MessageDto>> {
    return this.messages.history(actor, roomId, query);
  }

  @Patch(':messageId')
  @ApiOkResponse({
    type: MessageDto,
    description: 'The author only, with write access and not muted in the room (403 `CHAT_MUTED`)',
  })
  edit(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Param('messageId', ParseUUIDPipe) messageId: string,
    @Body() dto: EditMessageDto,
  ): Promise<MessageDto> {
    return this.messages.edit(actor, roomId, messageId, dto.text);
  }

  @Delete(':messageId')
  @HttpCode(200)
  @ApiOkResponse({ type: MessageDto, description: 'The message as it now shows: deleted' })
  delete(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Param('messageId', ParseUUIDPipe) messageId: string,
  ): Promise<MessageDto> {
    return this.messages.delete(actor, roomId, messageId);
  }

  @RateLimit({ limit: 20, ttlSeconds: 3600 })
  @Post(':messageId/reports')
  @ApiCreatedResponse({ type: ReportDto, description: '200 with the earlier report when reported again' })
  async report(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Param('messageId', ParseUUIDPipe) messageId: string,
    @Body() dto: ReportMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportDto> {
    const { report, created } = await this.messages.report(actor, roomId, messageId, dto.reason);
    void reply.status(created ? 201 : 200);
    return report;
  }
}
