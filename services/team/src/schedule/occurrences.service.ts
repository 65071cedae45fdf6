import { isOriginalStart, MAX_OVERRIDE_SHIFT_MS, occurrenceAt, occurrencesBetween } from '@prodvor/contracts';
import { Injectable } from '@nestjs/common';
import { type Actor, Clock, cursorAfter, encodeCursor, type Page, UserProfiles } from '@prodvor/platform';
import { z } from 'zod';
import { TransactionRunner } from '../database/transaction-runner';
import { TeamMembersRepository } from '../members/team-members.repository';
import type { OccurrencesQueryDto } from './dto/occurrences.query.dto';
import { AttendanceListDto, type AttendanceInputDto } from './dto/rsvp.dto';
import { OccurrenceDto } from './dto/team-event.dto';
import { overrideOf } from './recurrence';
import { AttendanceRepository } from './attendance.repository';
import { ScheduleAccess } from './schedule-access';
import { ScheduleErrors } from './schedule.errors';
import type { Occurrence, TeamEvent, TeamEventWithOverrides } from './team-event.model';
import { TeamEventsRepository } from './team-events.repository';

const DAY_MS = 24 * 3600_000;

/** The longest window of occurrences one request may ask for. */
export const MAX_WINDOW_DAYS = 92;
/** Events of a team looked at for one window (they are few: a team plans a handful of series). */
const MAX_EVENTS_PER_WINDOW = 500;

const occurrenceCursor = z.object({ at: z.string().datetime(), id: z.string().uuid(), o: z.string().datetime() });

export interface DatedOccurrence {
  event: TeamEvent;
  occurrence: Occurrence;
}

/** The schedule as members see it: occurrences in a window, and the attendance managers record. */
@Injectable()
export class OccurrencesService {
  constructor(
    private readonly events: TeamEventsRepository,
    private readonly attendance: AttendanceRepository,
    private readonly members: TeamMembersRepository,
    private readonly access: ScheduleAccess,
    private readonly transactions: TransactionRunner,
    private readonly profiles: UserProfiles,
    private readonly clock: Clock,
  ) {}

  async window(actor: Actor, teamId: string, query: OccurrencesQueryDto): Promise<Page<OccurrenceDto>> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from < to) || to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
      throw ScheduleErrors.windowTooLarge(MAX_WINDOW_DAYS);
    const after = cursorAfter(query.cursor, occurrenceCursor);
    await this.transactions.run((tx) => this.access.requireMember(tx, teamId, actor.userId));
    const all = await this.expand([teamId], from, to);
    const key = (d: DatedOccurrence) => [
      d.occurrence.startsAt.toISOString(),
      d.event.id,
      d.occurrence.occurrenceStart.toISOString(),
    ];
    const rest = after ? all.filter((d) => compareKeys(key(d), [after.at, after.id, after.o]) > 0) : all;
    const items = rest.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((d) => OccurrenceDto.from(d.event, d.occurrence)),
      nextCursor:
        rest.length > query.limit && last
          ? encodeCursor({ at: key(last)[0], id: key(last)[1], o: key(last)[2] })
          : null,
    };
  }

  /** Occurrences of the teams' events overlapping [from, to), ordered by start, event and original start. */
  async expand(teamIds: string[], from: Date, to: Date): Promise<DatedOccurrence[]> {
    const events = await this.events.ofTeams(teamIds, from, to, MAX_OVERRIDE_SHIFT_MS + DAY_MS, MAX_EVENTS_PER_WINDOW);
    const found = events.flatMap((event) =>
      occurrencesBetween(event, event.overrides, from, to).map((occurrence) => ({ event, occurrence })),
    );
    return found.sort((a, b) =>
      compareKeys(
        [a.occurrence.startsAt.toISOString(), a.event.id, a.occurrence.occurrenceStart.toISOString()],
        [b.occurrence.startsAt.toISOString(), b.event.id, b.occurrence.occurrenceStart.toISOString()],
      ),
    );
  }

  async recordAttendance(
    actor: Actor,
    teamId: string,
    eventId: string,
    occurrenceStart: Date,
    dto: AttendanceInputDto,
  ): Promise<AttendanceListDto> {
    const entries = await this.transactions.run(async (tx) => {
      await this.access.requireManager(tx, teamId, actor.userId);
      const event = this.requireOccurrence(await this.events.find(teamId, eventId, tx), occurrenceStart);
      const occurrence = occurrenceAt(event, occurrenceStart, overrideOf(event, occurrenceStart));
      if (event.cancelledAt || occurrence.cancelled) throw ScheduleErrors.cancelled();
      const now = this.clock.now();
      if (now < occurrence.startsAt) throw ScheduleErrors.attendanceTooEarly();
      const roster = new Set(await this.members.userIdsOf(tx, teamId));
      if (dto.entries.some((entry) => !roster.has(entry.userId))) throw ScheduleErrors.attendanceNotMember();
      await this.attendance.save(
        tx,
        dto.entries.map((entry) => ({
          eventId,
          occurrenceStart,
          userId: entry.userId,
          present: entry.present,
          recordedBy: actor.userId,
          recordedAt: now,
        })),
      );
      return this.attendance.ofOccurrence(eventId, occurrenceStart, tx);
    });
    return AttendanceListDto.from(entries, await this.profiles.people(entries.map((e) => e.userId)));
  }

  async attendanceOf(actor: Actor, teamId: string, eventId: string, occurrenceStart: Date): Promise<AttendanceListDto> {
    const entries = await this.transactions.run(async (tx) => {
      await this.access.requireMember(tx, teamId, actor.userId);
      this.requireOccurrence(await this.events.find(teamId, eventId, tx), occurrenceStart);
      return this.attendance.ofOccurrence(eventId, occurrenceStart, tx);
    });
    return AttendanceListDto.from(entries, await this.profiles.people(entries.map((e) => e.userId)));
  }

  private requireOccurrence(event: TeamEventWithOverrides | null, occurrenceStart: Date): TeamEventWithOverrides {
    if (!event) throw ScheduleErrors.notFound();
    if (!isOriginalStart(event, occurrenceStart)) throw ScheduleErrors.occurrenceNotFound();
    return event;
  }
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}
