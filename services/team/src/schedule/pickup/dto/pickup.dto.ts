import { ApiProperty } from '@nestjs/swagger';
import { type People, PersonDto } from '@prodvor/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import type { PickupResult, PickupSide, SideMember } from '../pickup.model';

/** Goals one side may score in one game (and so one scorer). */
export const MAX_SCORE = 99;
/** Scorers one result may name. */
export const MAX_SCORERS = 100;

export class PickupSkillInputDto {
  @ApiProperty({ minimum: 1, maximum: 10 }) @IsInt() @Min(1) @Max(10) skill!: number;
}

export class PickupSkillDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ minimum: 1, maximum: 10 }) skill!: number;
}

export class ScorerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId!: string;
  @ApiProperty({ minimum: 1, maximum: MAX_SCORE }) @IsInt() @Min(1) @Max(MAX_SCORE) goals!: number;
}

export class PickupResultInputDto {
  @ApiProperty({ minimum: 0, maximum: MAX_SCORE }) @IsInt() @Min(0) @Max(MAX_SCORE) sideAScore!: number;
  @ApiProperty({ minimum: 0, maximum: MAX_SCORE }) @IsInt() @Min(0) @Max(MAX_SCORE) sideBScore!: number;
  @ApiProperty({ type: [ScorerDto], maxItems: MAX_SCORERS })
  @IsArray()
  @ArrayMaxSize(MAX_SCORERS)
  @ValidateNested({ each: true })
  @Type(() => ScorerDto)
  scorers!: ScorerDto[];
}

export class SidePlayerDto extends PersonDto {
  @ApiProperty({ description: 'The pickup skill the player had when the sides were drawn' }) skill!: number;
}

export class PickupScorerDto extends PersonDto {
  @ApiProperty({ minimum: 1, maximum: MAX_SCORE }) goals!: number;
}

export class PickupResultDto {
  @ApiProperty() sideAScore!: number;
  @ApiProperty() sideBScore!: number;
  @ApiProperty({ type: [PickupScorerDto] }) scorers!: PickupScorerDto[];
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class PickupGameDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'date-time' }) occurrenceStart!: string;
  @ApiProperty({ type: [SidePlayerDto] }) sideA!: SidePlayerDto[];
  @ApiProperty({ type: [SidePlayerDto] }) sideB!: SidePlayerDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) drawnAt!: string | null;
  @ApiProperty({ type: PickupResultDto, nullable: true }) result!: PickupResultDto | null;

  /** `people` holds the profiles of the sides' members (scorers are among them). */
  static from(
    eventId: string,
    occurrenceStart: Date,
    sides: SideMember[],
    result: PickupResult | null,
    people: People,
  ): PickupGameDto {
    const of = (side: PickupSide) =>
      sides.filter((m) => m.side === side).map((m) => ({ userId: m.userId, ...people.of(m.userId), skill: m.skill }));
    return {
      eventId,
      occurrenceStart: occurrenceStart.toISOString(),
      sideA: of('A'),
      sideB: of('B'),
      drawnAt: sides[0]?.createdAt.toISOString() ?? null,
      result: result
        ? {
            sideAScore: result.sideAScore,
            sideBScore: result.sideBScore,
            scorers: result.scorers.map((s) => ({ userId: s.userId, ...people.of(s.userId), goals: s.goals })),
            recordedBy: result.recordedBy,
            recordedAt: result.recordedAt.toISOString(),
          }
        : null,
    };
  }
}

export class PickupStatsRowDto extends PersonDto {
  @ApiProperty({ description: 'Games played on a side of a recorded result' }) games!: number;
  @ApiProperty() wins!: number;
  @ApiProperty() draws!: number;
  @ApiProperty() losses!: number;
  @ApiProperty() goals!: number;
}

export class PickupStatsPageDto {
  @ApiProperty({ type: [PickupStatsRowDto] }) items!: PickupStatsRowDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
