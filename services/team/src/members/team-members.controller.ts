import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor } from '@prodvor/platform';
import { TeamMemberDto } from '../teams/dto/team-page.dto';
import { TransferCaptaincyDto } from './dto/transfer-captaincy.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { TeamMembersService } from './team-members.service';

@ApiTags('members')
@Authenticated()
@Controller('api/v1/teams/:teamId')
export class TeamMembersController {
  constructor(private readonly members: TeamMembersService) {}

  @Patch('members/:userId')
  @ApiOkResponse({ type: TeamMemberDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<TeamMemberDto> {
    return this.members.update(actor, teamId, userId, dto);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    return this.members.remove(actor, teamId, userId);
  }

  @Post('leave')
  @HttpCode(204)
  @ApiNoContentResponse()
  leave(@CurrentActor() actor: Actor, @Param('teamId', ParseUUIDPipe) teamId: string): Promise<void> {
    return this.members.leave(actor, teamId);
  }

  @Post('captain')
  @HttpCode(200)
  @ApiOkResponse({ type: TeamMemberDto, description: 'The new captain; the former one is now a vice-captain' })
  transferCaptaincy(
    @CurrentActor() actor: Actor,
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: TransferCaptaincyDto,
  ): Promise<TeamMemberDto> {
    return this.members.transferCaptaincy(actor, teamId, dto.userId);
  }
}
