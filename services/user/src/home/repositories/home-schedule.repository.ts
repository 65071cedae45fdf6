import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner';
import { teamEventWeeklyRule } from '@prodvor/contracts';
import { z } from 'zod';
import { PrismaClient, type HomeTeamEvent as HomeTeamEventRow } from '../../generated/prisma/client';
import type { HomeRsvp, HomeTeamEvent } from '../home.model';

/** Overrides as `applySnapshot` stores them (the snapshot's, times as ISO strings). */
const storedOverrides = z.array(
  z.object({
    occurrenceStart: z.string().datetime(),
    startsAt: z.string().datetime().nullable(),
    endsAt: z.string().datetime().nullable(),
    cancelled: z.boolean(),
  }),
);

function toEvent(row: HomeTeamEventRow): HomeTeamEvent {
  return {
    ...row,
    rule: row.rule === null ? null : teamEventWeeklyRule.parse(row.rule),
    overrides: storedOverrides.parse(row.overrides).map((o) => ({
      occurrenceStart: new Date(o.occurrenceStart),
      startsAt: o.startsAt === null ? null : new Date(o.startsAt),
      endsAt: o.endsAt === null ? null : new Date(o.endsAt),
      cancelled: o.cancelled,
    })),
  };
}

/** Team events (their latest snapshots) and members' answers (the only code that touches those tables). */
@Injectable()
export class HomeScheduleRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Stores a snapshot unless one of the same or a higher version is already stored. */
  async applySnapshot(tx: Tx, state: HomeTeamEvent): Promise<void> {
    const { eventId, ...fields } = state;
    const rule = fields.rule === null ? null : JSON.stringify(fields.rule);
    await tx.$executeRaw`
      INSERT INTO home_team_events (event_id, team_id, version, kind, title, venue_name, starts_at, ends_at,
        time_zone, capacity, rsvp_close_minutes, rule, overrides, cancelled, series_ends_at)
      VALUES (${eventId}::uuid, ${fields.teamId}::uuid, ${fields.version}, ${fields.kind}, ${fields.title},
        ${fields.venueName}, ${fields.startsAt}, ${fields.endsAt}, ${fields.timeZone}, ${fields.capacity},
        ${fields.rsvpCloseMinutes}, ${rule}::jsonb, ${JSON.stringify(fields.overrides)}::jsonb,
        ${fields.cancelled}, ${fields.seriesEndsAt})
      ON CONFLICT (event_id) DO UPDATE SET
        version = EXCLUDED.version, kind = EXCLUDED.kind, title = EXCLUDED.title,
        venue_name = EXCLUDED.venue_name, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
        time_zone = EXCLUDED.time_zone, capacity = EXCLUDED.capacity,
        rsvp_close_minutes = EXCLUDED.rsvp_close_minutes, rule = EXCLUDED.rule, overrides = EXCLUDED.overrides,
        cancelled = EXCLUDED.cancelled, series_ends_at = EXCLUDED.series_ends_at
      WHERE home_team_events.version < EXCLUDED.version`;
  }

  /** Keeps a member's latest answer to an occurrence (by the time of the event that carried it). */
  async answer(tx: Tx, rsvp: HomeRsvp, at: Date): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO home_rsvps (event_id, occurrence_start, user_id, response, waitlisted, event_at)
      SELECT ${rsvp.eventId}::uuid, ${rsvp.occurrenceStart}, ${rsvp.userId}::uuid, ${rsvp.response},
        ${rsvp.waitlisted}, ${at}
      WHERE NOT EXISTS (SELECT 1 FROM deleted_accounts WHERE user_id = ${rsvp.userId}::uuid)
      ON CONFLICT (event_id, occurrence_start, user_id) DO UPDATE SET
        response = EXCLUDED.response, waitlisted = EXCLUDED.waitlisted, event_at = EXCLUDED.event_at
      WHERE home_rsvps.event_at <= EXCLUDED.event_at`;
  }

  async forgetUser(tx: Tx, userId: string): Promise<void> {
    await tx.homeRsvp.deleteMany({ where: { userId } });
  }

  /**
   * Events of these teams that are not cancelled and may have an occurrence overlapping [from, to)
   * (`seriesEndsAt` already allows for moved occurrences), at most `take`, earliest first.
   */
  async eventsOverlapping(teamIds: readonly string[], from: Date, to: Date, take: number): Promise<HomeTeamEvent[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.prisma.homeTeamEvent.findMany({
      where: { teamId: { in: [...teamIds] }, cancelled: false, startsAt: { lt: to }, seriesEndsAt: { gt: from } },
      orderBy: [{ startsAt: 'asc' }, { eventId: 'asc' }],
      take,
    });
    return rows.map(toEvent);
  }

  /** A user's answers to occurrences of these events. */
  async answersOf(userId: string, eventIds: readonly string[]): Promise<HomeRsvp[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.prisma.homeRsvp.findMany({ where: { userId, eventId: { in: [...eventIds] } } });
    return rows.map(({ eventId, occurrenceStart, userId: user, response, waitlisted }) => ({
      eventId,
      occurrenceStart,
      userId: user,
      response,
      waitlisted,
    }));
  }
}
