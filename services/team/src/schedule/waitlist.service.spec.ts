import { type Actor, type Clock, DomainError, type EventPublisher, People, type UserProfiles } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { Tx, TransactionRunner } from '../database/transaction-runner';
import type { RsvpsRepository } from './rsvps.repository';
import type { ScheduleAccess } from './schedule-access';
import type { ScheduleNotifier } from './schedule-notifier';
import type { Rsvp, TeamEventWithOverrides } from './team-event.model';
import type { TeamEventsRepository } from './team-events.repository';
import { WaitlistService } from './waitlist.service';

const TEAM = '0190f0a0-0000-7000-8000-000000000001';
const EVENT = '0190f0a0-0000-7000-8000-000000000002';
const START = new Date('2026-12-10T16:00:00Z');
const tx = strictFake<Tx>('tx');

function event(over: Partial<TeamEventWithOverrides> = {}): TeamEventWithOverrides {
  return {
    id: EVENT,
    teamId: TEAM,
    kind: 'pickup',
    title: 'Pickup',
    venueName: null,
    venueAddress: null,
    notes: null,
    startsAt: START,
    endsAt: new Date(START.getTime() + 3600_000),
    timeZone: 'UTC',
    capacity: 2,
    rsvpCloseMinutes: 60,
    reminderMinutes: null,
    rule: null,
    createdBy: 'captain',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    cancelledAt: null,
    version: 1,
    overrides: [],
    ...over,
  };
}

/** The service over an in-memory answer store, a fixed clock, and fakes that fail on any unplanned call. */
function setup(current: TeamEventWithOverrides, now = new Date('2026-12-09T12:00:00Z')) {
  const store = new Map<string, Rsvp>();
  const published: { type: string; data: Record<string, unknown> }[] = [];
  const promoted: string[] = [];
  let tick = 0;
  const rsvps = strictFake<RsvpsRepository>('rsvps', {
    find: async (_tx, _e, _o, userId) => store.get(userId) ?? null,
    countGoing: async () => [...store.values()].filter((r) => r.response === 'yes' && !r.waitlisted).length,
    save: async (_tx, rsvp) => {
      store.set(rsvp.userId, rsvp);
      return rsvp;
    },
    nextWaitlisted: async (_tx, _e, _o, take) =>
      [...store.values()]
        .filter((r) => r.waitlisted)
        .sort((a, b) => a.respondedAt.getTime() - b.respondedAt.getTime())
        .slice(0, take),
    promote: async (_tx, _e, _o, userId) => {
      store.set(userId, { ...store.get(userId)!, waitlisted: false });
    },
  });
  const service = new WaitlistService(
    strictFake<TeamEventsRepository>('events', { lock: async () => current }),
    rsvps,
    strictFake<ScheduleAccess>('access', { requireMember: async () => 'player' }),
    strictFake<TransactionRunner>('transactions', { run: (work) => work(tx) }),
    strictFake<EventPublisher>('publisher', {
      publish: async (_tx: Tx, type: string, data: unknown) => {
        published.push({ type, data: data as Record<string, unknown> });
      },
    }),
    strictFake<ScheduleNotifier>('notifier', {
      promoted: async (_tx, _event, _occurrence, userIds) => {
        promoted.push(...userIds);
      },
    }),
    strictFake<UserProfiles>('profiles', { people: async () => new People(new Map()) }),
    // Each answer a millisecond later than the one before: the waitlist order is the answer order.
    strictFake<Clock>('clock', { now: () => new Date(now.getTime() + tick++) }),
  );
  const answer = (userId: string, response: 'yes' | 'no' | 'maybe') =>
    service.answer(actor(userId), TEAM, EVENT, START, response);
  return { service, store, published, promoted, answer };
}

const actor = (userId: string): Actor => ({ userId, roles: [], correlationId: 'test' });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

describe('WaitlistService', () => {
  it('queues "yes" beyond the capacity and promotes the first in line when a going member declines', async () => {
    const { answer, store, promoted, published } = setup(event());
    expect((await answer('a', 'yes')).waitlisted).toBe(false);
    expect((await answer('b', 'yes')).waitlisted).toBe(false);
    expect((await answer('c', 'yes')).waitlisted).toBe(true);
    expect((await answer('d', 'yes')).waitlisted).toBe(true);
    await answer('a', 'maybe');
    expect(store.get('c')?.waitlisted).toBe(false);
    expect(store.get('d')?.waitlisted).toBe(true);
    expect(promoted).toEqual(['c']);
    expect(published.filter((p) => p.data.userId === 'c').map((p) => p.data.waitlisted)).toEqual([true, false]);
  });

  it('changes nothing when the same answer comes again, and a waiting member declining promotes nobody', async () => {
    const { answer, published, promoted } = setup(event({ capacity: 1 }));
    await answer('a', 'yes');
    await answer('b', 'yes');
    const before = published.length;
    await answer('a', 'yes');
    expect(published.length).toBe(before);
    await answer('b', 'no');
    expect(promoted).toEqual([]);
  });

  it('refuses after the deadline, for a cancelled event or occurrence, and for an occurrence the event does not have', async () => {
    const late = setup(event(), new Date(START.getTime() - 30 * 60_000));
    expect(await codeOf(late.answer('a', 'yes'))).toBe('TEAM_EVENT_RSVP_CLOSED');
    const cancelled = setup(event({ cancelledAt: new Date(0) }));
    expect(await codeOf(cancelled.answer('a', 'yes'))).toBe('TEAM_EVENT_CANCELLED');
    const occurrenceOff = setup(
      event({ overrides: [{ eventId: EVENT, occurrenceStart: START, startsAt: null, endsAt: null, cancelled: true }] }),
    );
    expect(await codeOf(occurrenceOff.answer('a', 'yes'))).toBe('TEAM_EVENT_CANCELLED');
    const { service } = setup(event());
    expect(await codeOf(service.answer(actor('a'), TEAM, EVENT, new Date(START.getTime() + 1), 'yes'))).toBe(
      'TEAM_EVENT_OCCURRENCE_NOT_FOUND',
    );
  });
});
