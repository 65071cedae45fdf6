import { ApiProperty } from '@nestjs/swagger';
import { TEAM_EVENT_KINDS, type Occurrence, type TeamEvent, type TeamEventKind } from '../team-event.model';
import { VenueDto, WeeklyRuleDto } from './team-event-input.dto';

export class TeamEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ enum: TEAM_EVENT_KINDS }) kind!: TeamEventKind;
  @ApiProperty() title!: string;
  @ApiProperty({ type: VenueDto, nullable: true }) venue!: VenueDto | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty() rsvpCloseMinutes!: number;
  @ApiProperty({ type: Number, nullable: true }) reminderMinutes!: number | null;
  @ApiProperty({ type: WeeklyRuleDto, nullable: true }) recurrence!: WeeklyRuleDto | null;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;

  static from(event: TeamEvent): TeamEventDto {
    return {
      id: event.id,
      teamId: event.teamId,
      kind: event.kind,
      title: event.title,
      venue: event.venueName
        ? { name: event.venueName, ...(event.venueAddress ? { address: event.venueAddress } : {}) }
        : null,
      notes: event.notes,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      timeZone: event.timeZone,
      capacity: event.capacity,
      rsvpCloseMinutes: event.rsvpCloseMinutes,
      reminderMinutes: event.reminderMinutes,
      recurrence: event.rule
        ? {
            weekdays: event.rule.weekdays,
            intervalWeeks: event.rule.intervalWeeks,
            ...(event.rule.until ? { until: event.rule.until } : {}),
            ...(event.rule.count !== null ? { count: event.rule.count } : {}),
            skippedDates: event.rule.skippedDates,
          }
        : null,
      createdBy: event.createdBy,
      cancelledAt: event.cancelledAt?.toISOString() ?? null,
    };
  }
}

export class TeamEventListDto {
  @ApiProperty({ type: [TeamEventDto] }) items!: TeamEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class OccurrenceDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'date-time', description: 'Original start: the id of the occurrence in URLs' })
  occurrenceStart!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() cancelled!: boolean;
  @ApiProperty() moved!: boolean;
  @ApiProperty({ enum: TEAM_EVENT_KINDS }) kind!: TeamEventKind;
  @ApiProperty() title!: string;
  @ApiProperty({ type: VenueDto, nullable: true }) venue!: VenueDto | null;
  @ApiProperty() timeZone!: string;

  static from(event: TeamEvent, occurrence: Occurrence): OccurrenceDto {
    return {
      eventId: event.id,
      occurrenceStart: occurrence.occurrenceStart.toISOString(),
      startsAt: occurrence.startsAt.toISOString(),
      endsAt: occurrence.endsAt.toISOString(),
      cancelled: occurrence.cancelled || event.cancelledAt !== null,
      moved: occurrence.moved,
      kind: event.kind,
      title: event.title,
      venue: TeamEventDto.from(event).venue,
      timeZone: event.timeZone,
    };
  }
}

export class OccurrencePageDto {
  @ApiProperty({ type: [OccurrenceDto] }) items!: OccurrenceDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
