import { ApiProperty } from '@nestjs/swagger';
import { teamRole } from '@prodvor/contracts';
import type { MyMembership } from '../home.model';
import { PublicImageDto } from '@prodvor/platform';
import { teamLogo } from './public-image.dto';

export class MyTeamDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) shortName!: string | null;
  @ApiProperty({ type: PublicImageDto, nullable: true }) logo!: PublicImageDto | null;
  @ApiProperty({ enum: teamRole.options, description: "The caller's role in the team" }) role!: string;

  static from(row: MyMembership): MyTeamDto {
    return {
      teamId: row.teamId,
      name: row.name,
      shortName: row.shortName,
      logo: teamLogo(row.logoMediaId),
      role: row.role,
    };
  }
}

export class MyTeamPageDto {
  @ApiProperty({ type: [MyTeamDto] }) items!: MyTeamDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
