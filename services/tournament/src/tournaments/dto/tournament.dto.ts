import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TOURNAMENT_STATUSES } from '../tournament.model';
import { SPORT_FORMATS, TIE_BREAKERS, TOURNAMENT_FORMATS } from './create-tournament.dto';

class PointsView {
  @ApiProperty() win!: number;
  @ApiProperty() draw!: number;
  @ApiProperty() loss!: number;
  @ApiProperty() forfeit!: number;
}

class RulesView {
  @ApiProperty({ type: PointsView }) points!: PointsView;
  @ApiProperty() matchMinutes!: number;
  @ApiProperty() periods!: number;
  @ApiProperty() bufferMinutes!: number;
  @ApiProperty() minRestMinutes!: number;
  @ApiProperty() confirmWindowHours!: number;
  @ApiProperty() forfeitGoals!: number;
  @ApiProperty({ enum: TIE_BREAKERS, isArray: true }) tieBreakers!: string[];
  @ApiProperty() reapplyHeadToHead!: boolean;
}

class WindowView {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
}

class PitchView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [WindowView] }) windows!: WindowView[];
}

class VenueView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() address?: string;
  @ApiProperty({ type: [PitchView] }) pitches!: PitchView[];
}

class FormatOptionsView {
  @ApiPropertyOptional() groupCount?: number;
  @ApiPropertyOptional() advancePerGroup?: number;
  @ApiPropertyOptional({ enum: ['snake', 'pots', 'rating'] }) seeding?: string;
  @ApiPropertyOptional() drawSeed?: number;
  @ApiPropertyOptional() thirdPlace?: boolean;
  @ApiPropertyOptional() grandFinalReset?: boolean;
  @ApiPropertyOptional() swissRounds?: number;
}

export class TournamentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizerId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ enum: SPORT_FORMATS }) sportFormat!: string;
  @ApiProperty({ enum: TOURNAMENT_FORMATS }) format!: string;
  @ApiProperty({ enum: ['public', 'private'] }) visibility!: string;
  @ApiProperty({ enum: TOURNAMENT_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ format: 'date-time' }) registrationOpensAt!: string;
  @ApiProperty({ format: 'date-time' }) registrationClosesAt!: string;
  @ApiProperty() checkInRequired!: boolean;
  @ApiProperty() minTeams!: number;
  @ApiProperty() maxTeams!: number;
  @ApiProperty({ type: RulesView }) rules!: RulesView;
  @ApiProperty({ type: FormatOptionsView }) options!: FormatOptionsView;
  @ApiProperty({ type: [VenueView] }) venues!: VenueView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TournamentPageDto {
  @ApiProperty({ type: [TournamentDto] }) items!: TournamentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
