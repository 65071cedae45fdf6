import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Authenticated,
  CurrentActor,
  CursorPaginationQueryDto,
  type Page,
  RateLimit,
} from '@prodvor/platform';
import { CreateInviteCodeDto } from './dto/create-invite-code.dto';
import { InviteCodeDto, InviteCodePageDto, RedeemedInviteCodeDto } from './dto/invite-code.dto';
import { InviteCodeParamPipe } from './invite-code-param.pipe';
import { InviteCodesService } from './invite-codes.service';

@ApiTags('invite-codes')
@Authenticated()
@Controller('api/v1')
export class InviteCodesController {
  constructor(private readonly codes: InviteCodesService) {}

  @Post('teams/:teamId/invite-codes')
  @ApiCreatedResponse({ type: InviteCodeDto })
  create(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: CreateInviteCodeDto,
  ): Promise<InviteCodeDto> {
    return this.codes.create(actor, teamId, dto);
  }

  @Get('teams/:teamId/invite-codes')
  @ApiOkResponse({ type: InviteCodePageDto, description: 'Codes not revoked (managers only)' })
  list(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Query() query: CursorPaginationQueryDto,
  ): Promise<Page<InviteCodeDto>> {
    return this.codes.list(actor, teamId, query);
  }

  // Limited per user: codes are short, so guessing must be slow.
  @Post('invite-codes/:code/redeem')
  @RateLimit({ limit: 10, ttlSeconds: 60 })
  @HttpCode(200)
  @ApiOkResponse({ type: RedeemedInviteCodeDto })
  redeem(
    @CurrentActor() actor: Actor,
    @Param('code', InviteCodeParamPipe) code: string,
  ): Promise<RedeemedInviteCodeDto> {
    return this.codes.redeem(actor, code);
  }

  @Delete('invite-codes/:code')
  @ApiOkResponse({ type: InviteCodeDto, description: 'The revoked code' })
  revoke(@CurrentActor() actor: Actor, @Param('code', InviteCodeParamPipe) code: string): Promise<InviteCodeDto> {
    return this.codes.revoke(actor, code);
  }
}
