import { isOriginalStart, MAX_OVERRIDE_SHIFT_MS, occurrenceAt } from '@prodvor/contracts';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  cursorAfter,
  EventPublisher,
  idCursor,
  IdGenerator,
  isUniqueViolation,
  type Page,
  toPage,
} from '@prodvor/platform';
import { createHash } from 'node:crypto';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TeamErrors } from '../teams/team.errors';
import { TeamsRepository } from '../teams/teams.repository';
import type { CreateTeamEventDto, OccurrenceOverrideDto, UpdateTeamEventDto } from './dto/team-event-input.dto';
import { OccurrenceDto, TeamEventDto } from './dto/team-event.dto';
import { overrideOf } from './recurrence';
import { ReminderScheduler } from './reminders/reminder.scheduler';
import { ScheduleAccess } from './schedule-access';
import { ScheduleErrors } from './schedule.errors';
import { ScheduleNotifier } from './schedule-notifier';
import { checkSeries, MAX_DURATION_MS, MAX_OVERRIDES, ruleFrom } from './series-rules';
import type { TeamEvent, TeamEventWithOverrides } from './team-event.model';
import { snapshotOf } from './team-event-snapshot';
import { TeamEventsRepository, type TeamEventChanges } from './team-events.repository';
import { WaitlistService } from './waitlist.service';

const DEFAULT_REMINDER_MINUTES = 120;
/** Fields that decide which original starts the series has. */
const SERIES_FIELDS = ['startsAt', 'timeZone', 'rule'] as const;

export interface CreatedTeamEvent {
  event: TeamEventDto;
  /** False when an earlier request with the same Idempotency-Key created it. */
  created: boolean;
}

/** Create, change and cancel team events (managers); read them (members). */
@Injectable()
export class TeamEventsService {
  constructor(
    private readonly events: TeamEventsRepository,
    private readonly teams: TeamsRepository,
    private readonly access: ScheduleAccess,
    private readonly transactions: TransactionRunner,
    private readonly publisher: EventPublisher,
    private readonly notifier: ScheduleNotifier,
    private readonly waitlist: WaitlistService,
    private readonly reminders: ReminderScheduler,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(
    actor: Actor,
    teamId: string,
    dto: CreateTeamEventDto,
    idempotencyKey?: string,
  ): Promise<CreatedTeamEvent> {
    const series = {
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      timeZone: dto.timeZone,
      rule: ruleFrom(dto.recurrence),
    };
    checkSeries(series, this.clock.now());
    // Keys are per user; the team in the key keeps one key's events of two teams apart.
    const key = idempotencyKey ? `team-event:${teamId}:${idempotencyKey}` : undefined;
    const requestHash = createHash('sha256').update(canonicalJson(dto)).digest('hex');
    try {
      return await this.createOnce(actor, teamId, dto, series, key, requestHash);
    } catch (error) {
      // Concurrent retries with one key: the loser's key insert fails; on the retry it finds the winner's event.
      if (key && isUniqueViolation(error)) return this.createOnce(actor, teamId, dto, series, key, requestHash);
      throw error;
    }
  }

  private createOnce(
    actor: Actor,
    teamId: string,
    dto: CreateTeamEventDto,
    series: Pick<TeamEvent, 'startsAt' | 'endsAt' | 'timeZone' | 'rule'>,
    key: string | undefined,
    requestHash: string,
  ): Promise<CreatedTeamEvent> {
    return this.transactions.run(async (tx) => {
      await this.access.requireActiveManager(tx, teamId, actor.userId);
      if (key) {
        const earlier = await this.teams.findIdempotencyKey(tx, actor.userId, key);
        if (earlier) {
          if (earlier.requestHash !== requestHash) throw TeamErrors.idempotencyKeyReused();
          return { event: TeamEventDto.from(await this.requireEvent(tx, teamId, earlier.resourceId)), created: false };
        }
      }
      const now = this.clock.now();
      const created = await this.events.create(tx, {
        id: this.ids.id(),
        teamId,
        kind: dto.kind,
        title: dto.title,
        venueName: dto.venue?.name ?? null,
        venueAddress: dto.venue?.address ?? null,
        notes: dto.notes ?? null,
        ...series,
        capacity: dto.capacity ?? null,
        rsvpCloseMinutes: dto.rsvpCloseMinutes ?? 0,
        reminderMinutes: dto.reminderMinutes === undefined ? DEFAULT_REMINDER_MINUTES : dto.reminderMinutes,
        createdBy: actor.userId,
        createdAt: now,
      });
      if (key)
        await this.teams.saveIdempotencyKey(tx, {
          userId: actor.userId,
          key,
          requestHash,
          resourceId: created.id,
          createdAt: now,
        });
      await this.publisher.publish(
        tx,
        'team.event.created',
        {
          teamId,
          eventId: created.id,
          kind: created.kind,
          title: created.title,
          startsAt: created.startsAt.toISOString(),
          endsAt: created.endsAt.toISOString(),
          timeZone: created.timeZone,
          recurring: created.rule !== null,
          createdBy: actor.userId,
          snapshot: snapshotOf({ ...created, overrides: [] }),
        },
        actor.correlationId,
      );
      await this.reminders.scheduleNext(tx, created, now, now, actor.correlationId);
      return { event: TeamEventDto.from(created), created: true };
    });
  }

  async get(actor: Actor, teamId: string, eventId: string): Promise<TeamEventDto> {
    return this.transactions.run(async (tx) => {
      await this.access.requireMember(tx, teamId, actor.userId);
      return TeamEventDto.from(await this.requireEvent(tx, teamId, eventId));
    });
  }

  async list(actor: Actor, teamId: string, limit: number, cursor: string | undefined): Promise<Page<TeamEventDto>> {
    const afterId = cursorAfter(cursor, idCursor)?.id;
    await this.transactions.run((tx) => this.access.requireMember(tx, teamId, actor.userId));
    const rows = await this.events.list(teamId, afterId, limit + 1);
    return toPage(rows, limit, (row) => ({ id: row.id }), TeamEventDto.from);
  }

  async update(actor: Actor, teamId: string, eventId: string, dto: UpdateTeamEventDto): Promise<TeamEventDto> {
    const now = this.clock.now();
    const event = await this.transactions.run(async (tx) => {
      await this.access.requireActiveManager(tx, teamId, actor.userId);
      const current = await this.requireEvent(tx, teamId, eventId, true);
      if (current.cancelledAt) throw ScheduleErrors.cancelled();
      const changes = changesOf(current, dto);
      const fields = Object.keys(changes);
      if (fields.length === 0) return current;
      checkSeries(
        {
          startsAt: changes.startsAt ?? current.startsAt,
          endsAt: changes.endsAt ?? current.endsAt,
          timeZone: changes.timeZone ?? current.timeZone,
          rule: changes.rule === undefined ? current.rule : changes.rule,
        },
        now,
      );
      const updated = await this.events.update(tx, eventId, changes, now);
      // Occurrences are named by their original start: when the series moves, the overrides and
      // coming answers of occurrences that no longer exist go with them (past attendance stays).
      if (SERIES_FIELDS.some((field) => field in changes))
        await this.events.pruneOccurrences(tx, eventId, now, (start) => isOriginalStart(updated, start));
      if (changes.capacity !== undefined) await this.waitlist.refill(tx, updated, actor.correlationId);
      const fresh = await this.requireEvent(tx, teamId, eventId);
      await this.publisher.publish(
        tx,
        'team.event.updated',
        {
          teamId,
          eventId,
          fields: fields.map((f) => (f === 'rule' ? 'recurrence' : f)),
          updatedBy: actor.userId,
          snapshot: snapshotOf(fresh),
        },
        actor.correlationId,
      );
      // Every change bumps the version, which makes the queued reminder stale: queue it afresh.
      await this.reminders.scheduleNext(tx, fresh, now, now, actor.correlationId);
      return fresh;
    });
    return TeamEventDto.from(event);
  }

  /** Cancels the whole event (every occurrence) and tells the members. */
  async cancel(actor: Actor, teamId: string, eventId: string): Promise<TeamEventDto> {
    return this.transactions.run(async (tx) => {
      await this.access.requireManager(tx, teamId, actor.userId);
      const current = await this.requireEvent(tx, teamId, eventId, true);
      if (current.cancelledAt) return TeamEventDto.from(current);
      const cancelled = await this.events.cancel(tx, eventId, this.clock.now());
      await this.publisher.publish(
        tx,
        'team.event.cancelled',
        {
          teamId,
          eventId,
          cancelledBy: actor.userId,
          snapshot: snapshotOf({ ...cancelled, overrides: current.overrides }),
        },
        actor.correlationId,
      );
      await this.notifier.cancelled(tx, cancelled, null, actor);
      return TeamEventDto.from(cancelled);
    });
  }

  /** Moves, cancels or restores one occurrence of the event. */
  async override(
    actor: Actor,
    teamId: string,
    eventId: string,
    occurrenceStart: Date,
    dto: OccurrenceOverrideDto,
  ): Promise<OccurrenceDto> {
    const now = this.clock.now();
    const { event, occurrence } = await this.transactions.run(async (tx) => {
      await this.access.requireActiveManager(tx, teamId, actor.userId);
      const current = await this.requireEvent(tx, teamId, eventId, true);
      if (current.cancelledAt) throw ScheduleErrors.cancelled();
      if (!isOriginalStart(current, occurrenceStart)) throw ScheduleErrors.occurrenceNotFound();
      const previous = overrideOf(current, occurrenceStart);
      const before = occurrenceAt(current, occurrenceStart, previous);
      const duration = current.endsAt.getTime() - current.startsAt.getTime();
      // Times not given stay as they were (moved or not); a new start alone keeps the duration.
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : (previous?.startsAt ?? null);
      const endsAt = dto.endsAt
        ? new Date(dto.endsAt)
        : dto.startsAt
          ? new Date(new Date(dto.startsAt).getTime() + duration)
          : (previous?.endsAt ?? null);
      const effectiveStart = startsAt ?? occurrenceStart;
      const effectiveEnd = endsAt ?? new Date(effectiveStart.getTime() + duration);
      if (effectiveEnd <= effectiveStart) throw ScheduleErrors.invalidTimes('endsAt must be after startsAt');
      if (effectiveEnd.getTime() - effectiveStart.getTime() > MAX_DURATION_MS)
        throw ScheduleErrors.invalidTimes('An occurrence lasts at most 24 hours');
      if (Math.abs(effectiveStart.getTime() - occurrenceStart.getTime()) > MAX_OVERRIDE_SHIFT_MS)
        throw ScheduleErrors.overrideTooFar();
      if (!previous && current.overrides.length >= MAX_OVERRIDES) throw ScheduleErrors.tooManyOverrides(MAX_OVERRIDES);
      const cancelled = dto.cancelled ?? before.cancelled;
      const override = { eventId, occurrenceStart, startsAt, endsAt, cancelled };
      await this.events.saveOverride(tx, override, now);
      const after = occurrenceAt(current, occurrenceStart, override);
      const fresh = await this.requireEvent(tx, teamId, eventId);
      if (after.cancelled && !before.cancelled) {
        await this.publisher.publish(
          tx,
          'team.event.cancelled',
          {
            teamId,
            eventId,
            occurrenceStart: occurrenceStart.toISOString(),
            cancelledBy: actor.userId,
            snapshot: snapshotOf(fresh),
          },
          actor.correlationId,
        );
        await this.notifier.cancelled(tx, current, after, actor);
      } else {
        await this.publisher.publish(
          tx,
          'team.event.updated',
          {
            teamId,
            eventId,
            occurrenceStart: occurrenceStart.toISOString(),
            fields: ['startsAt', 'endsAt', 'cancelled'],
            updatedBy: actor.userId,
            snapshot: snapshotOf(fresh),
          },
          actor.correlationId,
        );
      }
      await this.reminders.scheduleNext(tx, fresh, now, now, actor.correlationId);
      return { event: fresh, occurrence: after };
    });
    return OccurrenceDto.from(event, occurrence);
  }

  private async requireEvent(tx: Tx, teamId: string, eventId: string, lock = false): Promise<TeamEventWithOverrides> {
    const event = lock ? await this.events.lock(tx, teamId, eventId) : await this.events.find(teamId, eventId, tx);
    if (!event) throw ScheduleErrors.notFound();
    return event;
  }
}

/** JSON with object keys sorted at every level: the same body in another key order hashes the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

function changesOf(current: TeamEvent, dto: UpdateTeamEventDto): TeamEventChanges {
  const changes: TeamEventChanges = {};
  if (dto.kind !== undefined && dto.kind !== current.kind) changes.kind = dto.kind;
  if (dto.title !== undefined && dto.title !== current.title) changes.title = dto.title;
  if (dto.venue !== undefined) {
    changes.venueName = dto.venue.name;
    changes.venueAddress = dto.venue.address ?? null;
  }
  if (dto.notes !== undefined) changes.notes = dto.notes;
  if (dto.startsAt !== undefined && new Date(dto.startsAt).getTime() !== current.startsAt.getTime())
    changes.startsAt = new Date(dto.startsAt);
  if (dto.endsAt !== undefined && new Date(dto.endsAt).getTime() !== current.endsAt.getTime())
    changes.endsAt = new Date(dto.endsAt);
  if (dto.timeZone !== undefined && dto.timeZone !== current.timeZone) changes.timeZone = dto.timeZone;
  if (dto.capacity !== undefined && dto.capacity !== current.capacity) changes.capacity = dto.capacity;
  if (dto.rsvpCloseMinutes !== undefined) changes.rsvpCloseMinutes = dto.rsvpCloseMinutes;
  if (dto.reminderMinutes !== undefined && dto.reminderMinutes !== current.reminderMinutes)
    changes.reminderMinutes = dto.reminderMinutes;
  if (dto.recurrence !== undefined) changes.rule = ruleFrom(dto.recurrence);
  return changes;
}
