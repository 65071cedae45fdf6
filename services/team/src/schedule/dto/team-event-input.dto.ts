import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TEAM_EVENT_KINDS, type TeamEventKind } from '../team-event.model';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VenueDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;
}

/** Weekly: on `weekdays` (ISO, 1 = Monday) every `intervalWeeks` weeks, until a local date and/or a count. */
export class WeeklyRuleDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: 7, description: 'ISO weekdays, 1 = Monday … 7 = Sunday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  @ApiPropertyOptional({ minimum: 1, maximum: 52, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  intervalWeeks?: number;

  @ApiPropertyOptional({ example: '2027-06-30', description: 'Last local date (in timeZone) of the series' })
  @IsOptional()
  @Matches(LOCAL_DATE)
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  count?: number;

  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'Local dates (YYYY-MM-DD) the series skips' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(LOCAL_DATE, { each: true })
  @IsISO8601({ strict: true }, { each: true })
  skippedDates?: string[];
}

export class CreateTeamEventDto {
  @ApiProperty({ enum: TEAM_EVENT_KINDS })
  @IsIn(TEAM_EVENT_KINDS)
  kind!: TeamEventKind;

  @ApiProperty({ minLength: 1, maxLength: 120 })
  @IsString()
  @Length(1, 120)
  title!: string;

  @ApiPropertyOptional({ type: VenueDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VenueDto)
  venue?: VenueDto;

  @ApiProperty({ format: 'date-time', description: 'Start of the (first) occurrence' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiProperty({ example: 'Europe/Moscow', description: 'IANA time zone the weekly rule is expanded in' })
  @IsString()
  @MaxLength(64)
  @IsTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, description: '"yes" beyond it goes to the waitlist' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  capacity?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10080, default: 0, description: 'Answers close this long before' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  rsvpCloseMinutes?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10080,
    default: 120,
    nullable: true,
    description: 'Minutes before an occurrence the going and maybe members are reminded; null: no reminder',
  })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(10080)
  reminderMinutes?: number | null;

  @ApiPropertyOptional({ type: WeeklyRuleDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyRuleDto)
  recurrence?: WeeklyRuleDto;
}

export class UpdateTeamEventDto extends PartialType(CreateTeamEventDto) {}

/** Moves, cancels or restores (`cancelled: false`) one occurrence; times not given stay as they were. */
export class OccurrenceOverrideDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([true, false])
  cancelled?: boolean;
}
