import { ApiPropertyOptional, PickType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { CreateTournamentDto } from './create-tournament.dto';
import { VenueInputDto } from './venue.dto';

/** What an organizer may still change; dates and team limits only before fixtures exist. */
export class UpdateTournamentDto extends PartialType(
  PickType(CreateTournamentDto, [
    'name',
    'description',
    'visibility',
    'startsAt',
    'endsAt',
    'registrationOpensAt',
    'registrationClosesAt',
    'checkInRequired',
    'minTeams',
    'maxTeams',
  ] as const),
) {
  @ApiPropertyOptional({ type: [VenueInputDto], description: 'Replaces venues and pitch windows (at most 20)' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => VenueInputDto)
  @ArrayMaxSize(20)
  venues?: VenueInputDto[];
}
