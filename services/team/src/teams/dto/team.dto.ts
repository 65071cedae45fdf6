import { ApiProperty } from '@nestjs/swagger';
import { publicImageLinks } from '@prodvor/contracts';
import type { Team } from '../team.model';
import { TEAM_FORMATS } from '../team-formats';

export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) shortName!: string | null;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ enum: TEAM_FORMATS }) format!: string;
  @ApiProperty({ type: [String] }) colors!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) logoMediaId!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: {
      mediaId: { type: 'string', format: 'uuid' },
      variants: { type: 'object', additionalProperties: { type: 'string' } },
    },
    description: 'Stable anonymous links per logo variant (storage-service redirects to the image)',
  })
  logo!: { mediaId: string; variants: Record<string, string> } | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() recruiting!: boolean;
  @ApiProperty({ description: 'Players on the roster' }) memberCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt!: string | null;

  static from(team: Team, memberCount: number): TeamDto {
    return {
      id: team.id,
      name: team.name,
      shortName: team.shortName,
      city: team.city,
      format: team.format,
      colors: team.colors,
      logoMediaId: team.logoMediaId,
      logo: team.logoMediaId ? publicImageLinks('team_logo', team.logoMediaId) : null,
      description: team.description,
      recruiting: team.recruiting,
      memberCount,
      createdAt: team.createdAt.toISOString(),
      updatedAt: team.updatedAt.toISOString(),
      archivedAt: team.archivedAt?.toISOString() ?? null,
    };
  }
}

export class TeamPageOfListDto {
  @ApiProperty({ type: [TeamDto] }) items!: TeamDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
