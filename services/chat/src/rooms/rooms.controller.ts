import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, RateLimit } from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
import { MatchFeedSnapshotDto } from '../match-feed/match-feed.dto';
import { MatchFeedService } from '../match-feed/match-feed.service';
import { ReadReceiptsService } from '../receipts/read-receipts.service';
import {
  AddGroupMemberDto,
  CreateDirectRoomDto,
  CreateGroupRoomDto,
  MarkReadDto,
  PresenceListDto,
  ReadReceiptListDto,
  ReadStateDto,
  RoomDto,
  RoomListDto,
} from './dto/room.dto';
import { RoomErrors } from './room.errors';
import { RoomAccessService } from './room-access.service';
import { RoomsService } from './rooms.service';

@ApiTags('rooms')
@Authenticated()
@Controller('api/v1/chat')
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly receipts: ReadReceiptsService,
    private readonly access: RoomAccessService,
    private readonly matchFeed: MatchFeedService,
  ) {}

  @Get('rooms')
  @ApiOkResponse({ type: RoomListDto, description: "The caller's rooms with unread counts" })
  async mine(@CurrentActor() actor: Actor): Promise<RoomListDto> {
    return { items: await this.rooms.mine(actor) };
  }

  @RateLimit({ limit: 30, ttlSeconds: 60 })
  @Post('direct-rooms')
  @ApiCreatedResponse({ type: RoomDto, description: '200 with the existing room when the pair already has one' })
  async direct(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateDirectRoomDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoomDto> {
    const { room, created } = await this.rooms.direct(actor, dto.userId);
    void reply.status(created ? 201 : 200);
    return room;
  }

  @RateLimit({ limit: 10, ttlSeconds: 60 })
  @Post('group-rooms')
  @ApiCreatedResponse({ type: RoomDto })
  group(@CurrentActor() actor: Actor, @Body() dto: CreateGroupRoomDto): Promise<RoomDto> {
    return this.rooms.createGroup(actor, dto.title, dto.memberIds);
  }

  @Get('rooms/:roomId')
  @ApiOkResponse({ type: RoomDto })
  get(@CurrentActor() actor: Actor, @Param('roomId', ParseUUIDPipe) roomId: string): Promise<RoomDto> {
    return this.rooms.get(actor, roomId);
  }

  @Post('rooms/:roomId/members')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Group owner only' })
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Body() dto: AddGroupMemberDto,
  ): Promise<void> {
    await this.rooms.addMember(actor, roomId, dto.userId);
  }

  @Delete('rooms/:roomId/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The owner removes anyone, a member only themselves' })
  async removeMember(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.rooms.removeMember(actor, roomId, userId);
  }

  @Get('rooms/:roomId/presence')
  @ApiOkResponse({
    type: PresenceListDto,
    description: "The room's members only: a spectator gets 403 `CHAT_NOT_MEMBER`",
  })
  async presence(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
  ): Promise<PresenceListDto> {
    return { items: await this.rooms.presenceOf(actor, roomId) };
  }

  @Get('rooms/:roomId/receipts')
  @ApiOkResponse({
    type: ReadReceiptListDto,
    description: "The room's members only: a spectator gets 403 `CHAT_NOT_MEMBER`",
  })
  async receiptsOf(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
  ): Promise<ReadReceiptListDto> {
    return { items: await this.receipts.receiptsOf(actor, roomId) };
  }

  @Post('rooms/:roomId/read')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReadStateDto,
    description:
      'The receipt only moves forward; 404 `CHAT_MESSAGE_NOT_FOUND` for an id that is not a message of the room',
  })
  read(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Body() dto: MarkReadDto,
  ): Promise<ReadStateDto> {
    return this.receipts.markRead(actor, roomId, dto.messageId);
  }

  @Get('rooms/:roomId/match')
  @ApiOkResponse({ type: MatchFeedSnapshotDto, description: 'Score and recent events of a match room' })
  async match(
    @CurrentActor() actor: Actor,
    @Param('roomId', ParseUUIDPipe) roomId: string,
  ): Promise<MatchFeedSnapshotDto> {
    const { room } = await this.access.require(actor, roomId, 'read');
    if (room.kind !== 'match') throw RoomErrors.notAMatch();
    return this.matchFeed.snapshot(room.id);
  }
}
