import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  CursorPaginationQueryDto,
  type Page,
  RateLimit,
} from '@prodvor/platform';
import { CreateJoinRequestDto } from './dto/create-join-request.dto';
import { JoinRequestDto, JoinRequestPageDto } from './dto/join-request.dto';
import { JoinRequestsService } from './join-requests.service';

@ApiTags('join-requests')
@Authenticated()
@Controller('api/v1')
export class JoinRequestsController {
  constructor(private readonly requests: JoinRequestsService) {}

  @Post('teams/:teamId/join-requests')
  @RateLimit({ limit: 30, ttlSeconds: 3600 })
  @ApiCreatedResponse({ type: JoinRequestDto })
  create(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: CreateJoinRequestDto,
  ): Promise<JoinRequestDto> {
    return this.requests.create(actor, teamId, dto);
  }

  @Get('teams/:teamId/join-requests')
  @ApiOkResponse({ type: JoinRequestPageDto, description: 'Pending requests (captain and vice-captains only)' })
  listPending(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<JoinRequestDto>> {
    return this.requests.listPending(actor, teamId, query);
  }

  @Post('join-requests/:requestId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: JoinRequestDto })
  approve(@CurrentActor() actor: Actor, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<JoinRequestDto> {
    return this.requests.approve(actor, requestId);
  }

  @Post('join-requests/:requestId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: JoinRequestDto })
  reject(@CurrentActor() actor: Actor, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<JoinRequestDto> {
    return this.requests.reject(actor, requestId);
  }
}
