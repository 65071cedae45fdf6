import { Injectable } from '@nestjs/common';
import { MAX_OVERRIDE_SHIFT_MS, type Occurrence } from '@prodvor/contracts';
import { type AccountActor, Clock, cursorAfter, type Page, toPage } from '@prodvor/platform';
import { z } from 'zod';
import { answerKey, rsvpClosesAt } from './action-rules';
import { MY_RSVP, type MyEventOccurrenceDto, type MyEventsQueryDto } from './dto/my-events.dto';
import { HomeErrors } from './home.errors';
import type { HomeRsvp, HomeTeamEvent, MyMembership } from './home.model';
import { MyTeamsService } from './my-teams.service';
import { HomeScheduleRepository } from './repositories/home-schedule.repository';
import { activeOccurrences } from './team-event-series';

const DAY_MS = 24 * 3_600_000;
export const DEFAULT_WINDOW_DAYS = 28;
export const MAX_WINDOW_DAYS = 92;
/** Events looked at for one window (a team plans a handful of series; this bounds the expansion). */
export const MAX_EVENTS_PER_WINDOW = 500;

const occurrenceCursor = z.object({ at: z.string().datetime(), id: z.string().uuid(), o: z.string().datetime() });

export interface DatedOccurrence {
  event: HomeTeamEvent;
  occurrence: Occurrence;
}

/** The list's order: start, event, original start (ISO strings of one length compare as the instants do). */
function key(d: DatedOccurrence): string {
  return `${d.occurrence.startsAt.toISOString()}|${d.event.eventId}|${d.occurrence.occurrenceStart.toISOString()}`;
}

/** Occurrences of the caller's teams' events, as their latest snapshots say, with the caller's answers. */
@Injectable()
export class MyEventsService {
  constructor(
    private readonly myTeams: MyTeamsService,
    private readonly schedule: HomeScheduleRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: AccountActor, query: MyEventsQueryDto): Promise<Page<MyEventOccurrenceDto>> {
    const from = query.from ? new Date(query.from) : this.clock.now();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS);
    if (!(from < to) || to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
      throw HomeErrors.windowInvalid(MAX_WINDOW_DAYS);
    const after = cursorAfter(query.cursor, occurrenceCursor);
    const memberships = await this.myTeams.memberships(actor.userId);
    const { occurrences, answers } = await this.occurrences(actor.userId, memberships, from, to);
    const afterKey = after ? `${after.at}|${after.id}|${after.o}` : undefined;
    const rows = occurrences.filter((d) => afterKey === undefined || key(d) > afterKey).slice(0, query.limit + 1);
    const teamNames = new Map(memberships.map((m) => [m.teamId, m.name]));
    return toPage(
      rows,
      query.limit,
      (d) => ({
        at: d.occurrence.startsAt.toISOString(),
        id: d.event.eventId,
        o: d.occurrence.occurrenceStart.toISOString(),
      }),
      (d) =>
        toDto(
          d,
          teamNames.get(d.event.teamId) ?? null,
          answers.get(answerKey(d.event.eventId, d.occurrence.occurrenceStart)),
        ),
    );
  }

  /**
   * Occurrences of the teams' events overlapping [from, to), not cancelled, ordered by start, event and
   * original start; with the user's answers to them by `answerKey`.
   */
  async occurrences(
    userId: string,
    memberships: MyMembership[],
    from: Date,
    to: Date,
  ): Promise<{ events: HomeTeamEvent[]; occurrences: DatedOccurrence[]; answers: Map<string, HomeRsvp> }> {
    const teamIds = memberships.map((m) => m.teamId);
    // An override may move an occurrence up to MAX_OVERRIDE_SHIFT_MS before its original start.
    const upper = new Date(to.getTime() + MAX_OVERRIDE_SHIFT_MS);
    const events = await this.schedule.eventsOverlapping(teamIds, from, upper, MAX_EVENTS_PER_WINDOW);
    const answers = await this.schedule.answersOf(
      userId,
      events.map((e) => e.eventId),
    );
    const occurrences = events
      .flatMap((event) => activeOccurrences(event, from, to).map((occurrence) => ({ event, occurrence })))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return {
      events,
      occurrences,
      answers: new Map(answers.map((a) => [answerKey(a.eventId, a.occurrenceStart), a])),
    };
  }
}

function toDto(d: DatedOccurrence, teamName: string | null, answer: HomeRsvp | undefined): MyEventOccurrenceDto {
  const { event, occurrence } = d;
  return {
    eventId: event.eventId,
    occurrenceStart: occurrence.occurrenceStart.toISOString(),
    teamId: event.teamId,
    teamName,
    kind: event.kind,
    title: event.title,
    venueName: event.venueName,
    startsAt: occurrence.startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    timeZone: event.timeZone,
    myRsvp: MY_RSVP.find((r) => r === answer?.response) ?? 'none',
    waitlisted: answer?.waitlisted ?? false,
    rsvpClosesAt: rsvpClosesAt(event, occurrence.startsAt).toISOString(),
  };
}
