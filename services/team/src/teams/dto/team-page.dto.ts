import { ApiProperty } from '@nestjs/swagger';
import { type People, PersonDto } from '@prodvor/platform';
import type { TeamMember } from '../team.model';
import type { TeamWithMembers } from '../teams.repository';
import { TeamDto } from './team.dto';

/** A roster member: the user (with name and avatar) and their place on the team. */
export class TeamMemberDto extends PersonDto {
  @ApiProperty({ enum: ['captain', 'vice_captain', 'player'] }) role!: string;
  @ApiProperty({ type: Number, nullable: true }) shirtNumber!: number | null;
  @ApiProperty({ type: String, nullable: true }) position!: string | null;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;

  static from(member: TeamMember, people: People): TeamMemberDto {
    return {
      userId: member.userId,
      ...people.of(member.userId),
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

  static fromTeam(team: TeamWithMembers, people: People): TeamPageDto {
    return {
      ...TeamDto.from(team, team.members.length),
      members: team.members.map((m) => TeamMemberDto.from(m, people)),
    };
  }
}
