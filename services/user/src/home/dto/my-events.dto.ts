import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { teamEventKind } from '@prodvor/contracts';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsISO8601, IsOptional } from 'class-validator';

/** Occurrences overlapping [from, to): `from` defaults to now, `to` to 28 days after `from`; at most 92 days. */
export class MyEventsQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 28 days after from; at most 92 days after it' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export const MY_RSVP = ['yes', 'no', 'maybe', 'none'] as const;

export class MyEventOccurrenceDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'date-time', description: 'The original start: the id of the occurrence in team-service' })
  occurrenceStart!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ type: String, nullable: true }) teamName!: string | null;
  @ApiProperty({ enum: teamEventKind.options }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) venueName!: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ description: 'IANA zone the event is planned in' }) timeZone!: string;
  @ApiProperty({ enum: MY_RSVP, description: "The caller's answer; none when not answered" })
  myRsvp!: (typeof MY_RSVP)[number];
  @ApiProperty({ description: 'The caller said yes beyond the capacity and waits in line' }) waitlisted!: boolean;
  @ApiProperty({ format: 'date-time', description: 'Answers close at this time' }) rsvpClosesAt!: string;
}

export class MyEventPageDto {
  @ApiProperty({ type: [MyEventOccurrenceDto] }) items!: MyEventOccurrenceDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
