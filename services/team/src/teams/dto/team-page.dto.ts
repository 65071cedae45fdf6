import { ApiProperty } from '@nestjs/swagger';
import type { TeamMember } from '../team.model';
import type { TeamWithMembers } from '../teams.repository';
import { TeamDto } from './team.dto';

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ['captain', 'vice_captain', 'player'] }) role!: string;
  @ApiProperty({ type: Number, nullable: true }) shirtNumber!: number | null;
  @ApiProperty({ type: String, nullable: true }) position!: string | null;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;

  static from(member: TeamMember): TeamMemberDto {
    return {
      userId: member.userId,
      role: member.role,
      shirtNumber: member.shirtNumber,
      position: member.position,
      joinedAt: member.joinedAt.toISOString(),
    };
  }
}

/** The public team page: the team and its roster. */
export class TeamPageDto extends TeamDto {
  @ApiProperty({ type: [TeamMemberDto] }) members!: TeamMemberDto[];

  static fromTeam(team: TeamWithMembers): TeamPageDto {
    return { ...TeamDto.from(team, team.members.length), members: team.members.map((m) => TeamMemberDto.from(m)) };
  }
}
