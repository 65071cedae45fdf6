import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { Tx } from '../database/transaction-runner';
import type {
  OccurrenceOverride,
  TeamEvent,
  TeamEventKind,
  TeamEventWithOverrides,
  WeeklyRule,
} from './team-event.model';

export interface NewTeamEvent {
  id: string;
  teamId: string;
  kind: TeamEventKind;
  title: string;
  venueName: string | null;
  venueAddress: string | null;
  notes: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  capacity: number | null;
  rsvpCloseMinutes: number;
  reminderMinutes: number | null;
  rule: WeeklyRule | null;
  createdBy: string;
  createdAt: Date;
}

export type TeamEventChanges = Partial<Omit<NewTeamEvent, 'id' | 'teamId' | 'createdBy' | 'createdAt'>>;

type EventRow = Prisma.TeamEventGetPayload<object>;
type OverrideRow = Prisma.TeamEventOverrideGetPayload<object>;

const day = (value: Date): string => value.toISOString().slice(0, 10);
const dateOf = (value: string): Date => new Date(`${value}T00:00:00.000Z`);

/** The team event aggregate: the event (a single one or a weekly series) and its per-occurrence overrides. */
@Injectable()
export class TeamEventsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async create(tx: Tx, event: NewTeamEvent): Promise<TeamEvent> {
    const { rule, ...fields } = event;
    const row = await tx.teamEvent.create({ data: { ...fields, ...ruleColumns(rule), updatedAt: event.createdAt } });
    return toEvent(row);
  }

  async find(teamId: string, eventId: string, db: Tx = this.prisma): Promise<TeamEventWithOverrides | null> {
    const row = await db.teamEvent.findFirst({ where: { id: eventId, teamId }, include: { overrides: true } });
    return row ? { ...toEvent(row), overrides: row.overrides.map(toOverride) } : null;
  }

  /** Locks the event row until the transaction ends: answers and changes of one event run one after another. */
  async lock(tx: Tx, teamId: string, eventId: string): Promise<TeamEventWithOverrides | null> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM team_events WHERE id = ${eventId}::uuid AND team_id = ${teamId}::uuid FOR UPDATE`;
    return locked.length ? this.find(teamId, eventId, tx) : null;
  }

  /** Every change bumps the version: queued reminders of the older one are stale, snapshot consumers see it is newer. */
  async update(tx: Tx, eventId: string, changes: TeamEventChanges, at: Date): Promise<TeamEvent> {
    const { rule, ...fields } = changes;
    const row = await tx.teamEvent.update({
      where: { id: eventId },
      data: {
        ...fields,
        ...(rule !== undefined ? ruleColumns(rule) : {}),
        updatedAt: at,
        version: { increment: 1 },
      },
    });
    return toEvent(row);
  }

  async cancel(tx: Tx, eventId: string, at: Date): Promise<TeamEvent> {
    const row = await tx.teamEvent.update({
      where: { id: eventId },
      data: { cancelledAt: at, updatedAt: at, version: { increment: 1 } },
    });
    return toEvent(row);
  }

  async saveOverride(tx: Tx, override: OccurrenceOverride, at: Date): Promise<void> {
    const { eventId, occurrenceStart, startsAt, endsAt, cancelled } = override;
    await tx.teamEventOverride.upsert({
      where: { eventId_occurrenceStart: { eventId, occurrenceStart } },
      create: { eventId, occurrenceStart, startsAt, endsAt, cancelled, updatedAt: at },
      update: { startsAt, endsAt, cancelled, updatedAt: at },
    });
    await tx.teamEvent.update({ where: { id: eventId }, data: { version: { increment: 1 }, updatedAt: at } });
  }

  /**
   * Drops the overrides, and the answers to occurrences after `now`, whose original start `exists`
   * no longer accepts (the series moved).
   */
  async pruneOccurrences(tx: Tx, eventId: string, now: Date, exists: (start: Date) => boolean): Promise<void> {
    const overrides = await tx.teamEventOverride.findMany({ where: { eventId }, select: { occurrenceStart: true } });
    const answered = await tx.teamEventRsvp.findMany({
      where: { eventId, occurrenceStart: { gt: now } },
      distinct: ['occurrenceStart'],
      select: { occurrenceStart: true },
    });
    const goneOverrides = overrides.map((o) => o.occurrenceStart).filter((start) => !exists(start));
    const goneAnswers = answered.map((o) => o.occurrenceStart).filter((start) => !exists(start));
    if (goneOverrides.length)
      await tx.teamEventOverride.deleteMany({ where: { eventId, occurrenceStart: { in: goneOverrides } } });
    if (goneAnswers.length)
      await tx.teamEventRsvp.deleteMany({ where: { eventId, occurrenceStart: { in: goneAnswers } } });
  }

  /** Records that the reminder of an occurrence went out; false when it already had. */
  async markReminderSent(tx: Tx, eventId: string, occurrenceStart: Date, at: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO team_event_reminders_sent (event_id, occurrence_start, sent_at)
      VALUES (${eventId}::uuid, ${occurrenceStart}, ${at})
      ON CONFLICT DO NOTHING`;
    return inserted > 0;
  }

  /**
   * Events of the teams that may have an occurrence overlapping [from, to): started before `to` and
   * not over before `from` (a single event ended, a series past its `until`), with a margin of
   * `marginMs` for occurrences an override moved. Bounded by `take`.
   */
  async ofTeams(
    teamIds: string[],
    from: Date,
    to: Date,
    marginMs: number,
    take: number,
  ): Promise<TeamEventWithOverrides[]> {
    const lower = new Date(from.getTime() - marginMs);
    const rows = await this.prisma.teamEvent.findMany({
      where: {
        teamId: { in: teamIds },
        startsAt: { lt: new Date(to.getTime() + marginMs) },
        OR: [
          { repeatWeekdays: { isEmpty: true }, endsAt: { gt: lower } },
          { NOT: { repeatWeekdays: { isEmpty: true } }, OR: [{ repeatUntil: null }, { repeatUntil: { gte: lower } }] },
        ],
      },
      include: { overrides: true },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take,
    });
    return rows.map((row) => ({ ...toEvent(row), overrides: row.overrides.map(toOverride) }));
  }

  async list(teamId: string, afterId: string | undefined, take: number): Promise<TeamEvent[]> {
    const rows = await this.prisma.teamEvent.findMany({
      where: { teamId, ...(afterId ? { id: { lt: afterId } } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
    return rows.map(toEvent);
  }
}

function ruleColumns(rule: WeeklyRule | null) {
  return {
    repeatWeekdays: rule?.weekdays ?? [],
    repeatIntervalWeeks: rule?.intervalWeeks ?? 1,
    repeatUntil: rule?.until ? dateOf(rule.until) : null,
    repeatCount: rule?.count ?? null,
    skippedDates: (rule?.skippedDates ?? []).map(dateOf),
  };
}

function toEvent(row: EventRow): TeamEvent {
  const { repeatWeekdays, repeatIntervalWeeks, repeatUntil, repeatCount, skippedDates, kind, ...fields }: EventRow =
    row;
  return {
    ...fields,
    kind,
    rule:
      repeatWeekdays.length > 0
        ? {
            weekdays: repeatWeekdays,
            intervalWeeks: repeatIntervalWeeks,
            until: repeatUntil ? day(repeatUntil) : null,
            count: repeatCount,
            skippedDates: skippedDates.map(day),
          }
        : null,
  };
}

function toOverride(row: OverrideRow): OccurrenceOverride {
  return {
    eventId: row.eventId,
    occurrenceStart: row.occurrenceStart,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    cancelled: row.cancelled,
  };
}
