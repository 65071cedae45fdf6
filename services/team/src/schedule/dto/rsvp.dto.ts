import { ApiProperty } from '@nestjs/swagger';
import { type People, PersonDto } from '@prodvor/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsUUID, ValidateNested } from 'class-validator';
import { RSVP_RESPONSES, type AttendanceEntry, type Rsvp, type RsvpResponse } from '../team-event.model';

export class RsvpInputDto {
  @ApiProperty({ enum: RSVP_RESPONSES })
  @IsIn(RSVP_RESPONSES)
  response!: RsvpResponse;
}

/** A member's answer; `userId`, `displayName` and `avatar` are the member's. */
export class RsvpDto extends PersonDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'date-time' }) occurrenceStart!: string;
  @ApiProperty({ enum: RSVP_RESPONSES }) response!: RsvpResponse;
  @ApiProperty({ description: 'A "yes" beyond the capacity, waiting in line' }) waitlisted!: boolean;
  @ApiProperty({ format: 'date-time' }) respondedAt!: string;

  static from(rsvp: Rsvp, people: People): RsvpDto {
    return {
      eventId: rsvp.eventId,
      occurrenceStart: rsvp.occurrenceStart.toISOString(),
      userId: rsvp.userId,
      ...people.of(rsvp.userId),
      response: rsvp.response,
      waitlisted: rsvp.waitlisted,
      respondedAt: rsvp.respondedAt.toISOString(),
    };
  }
}

export class OccurrenceRsvpsDto {
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ type: [RsvpDto] }) going!: RsvpDto[];
  @ApiProperty({ type: [RsvpDto], description: 'In the order they will be promoted' }) waitlist!: RsvpDto[];
  @ApiProperty({ type: [RsvpDto] }) maybe!: RsvpDto[];
  @ApiProperty({ type: [RsvpDto] }) no!: RsvpDto[];

  static from(capacity: number | null, rsvps: Rsvp[], people: People): OccurrenceRsvpsDto {
    const pick = (test: (r: Rsvp) => boolean) => rsvps.filter(test).map((r) => RsvpDto.from(r, people));
    return {
      capacity,
      going: pick((r) => r.response === 'yes' && !r.waitlisted),
      waitlist: pick((r) => r.waitlisted),
      maybe: pick((r) => r.response === 'maybe'),
      no: pick((r) => r.response === 'no'),
    };
  }
}

export class AttendanceMarkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty()
  @IsBoolean()
  present!: boolean;
}

export class AttendanceInputDto {
  @ApiProperty({ type: [AttendanceMarkDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttendanceMarkDto)
  entries!: AttendanceMarkDto[];
}

/** A member's attendance; `userId`, `displayName` and `avatar` are the member's. */
export class AttendanceDto extends PersonDto {
  @ApiProperty() present!: boolean;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;

  static from(entry: AttendanceEntry, people: People): AttendanceDto {
    return {
      userId: entry.userId,
      ...people.of(entry.userId),
      present: entry.present,
      recordedBy: entry.recordedBy,
      recordedAt: entry.recordedAt.toISOString(),
    };
  }
}

export class AttendanceListDto {
  @ApiProperty({ type: [AttendanceDto] }) items!: AttendanceDto[];

  static from(entries: AttendanceEntry[], people: People): AttendanceListDto {
    return { items: entries.map((entry) => AttendanceDto.from(entry, people)) };
  }
}
