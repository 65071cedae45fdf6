import { captureNotificationJobs, type NotificationJob, type NotificationJobs } from '@prodvor/testing';
import { envelopeSchemaFor, Topics } from '@prodvor/contracts';
import { eventually, probeTopic } from './support/kafka-probe';
import { scheduleApi } from './support/schedule-api';
import { teamApi } from './support/team-api';
import { newUser, startTeamApp, type TeamTestApp, type TestUser } from './support/team-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('team events over HTTP', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let schedule: ReturnType<typeof scheduleApi>;
  let jobs: NotificationJobs;
  let delivered: NotificationJob[];

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
    schedule = scheduleApi(t.app);
    jobs = await captureNotificationJobs(t.vhost.url);
    delivered = jobs.received;
  });

  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  const squad = (players: number) => schedule.squad(players);

  it('creates a weekly training and lists its occurrences in a window, paged, in the event time zone', async () => {
    const { teamId, vice, members } = await squad(1);
    // Tuesdays and Thursdays 19:00 Moscow time (16:00Z), every week, 5 occurrences, the 2nd skipped.
    const start = nextWeekday(2, 16);
    const res = await schedule.createEvent(vice, teamId, {
      title: 'Weekly training',
      venue: { name: 'School No. 5 pitch', address: 'Lenina 1' },
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
      capacity: 12,
      recurrence: { weekdays: [2, 4], count: 5, skippedDates: [localDay(new Date(start.getTime() + 2 * DAY))] },
    });
    expect(res.statusCode).toBe(201);
    const event = res.json();
    expect(event).toMatchObject({ kind: 'training', timeZone: 'Europe/Moscow', reminderMinutes: 120 });
    expect(event.recurrence).toMatchObject({ weekdays: [2, 4], intervalWeeks: 1, count: 5 });

    const window = `from=${new Date(start.getTime() - DAY).toISOString()}&to=${new Date(start.getTime() + 30 * DAY).toISOString()}`;
    const first = await schedule.occurrences(members[0], teamId, `${window}&limit=3`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      start.toISOString(),
      new Date(start.getTime() + 7 * DAY).toISOString(),
      new Date(start.getTime() + 9 * DAY).toISOString(),
    ]);
    const second = await schedule.occurrences(members[0], teamId, `${window}&limit=3&cursor=${page1.nextCursor}`);
    expect(second.json().items.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      new Date(start.getTime() + 14 * DAY).toISOString(),
    ]);
    expect(second.json().nextCursor).toBeNull();

    // Moving one occurrence keeps its id (the original start) and shows it where it went.
    const occurrence = new Date(start.getTime() + 7 * DAY).toISOString();
    const moved = await api.call(vice, 'PUT', `/api/v1/teams/${teamId}/events/${event.id}/occurrences/${occurrence}`, {
      startsAt: new Date(start.getTime() + 8 * DAY).toISOString(),
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ occurrenceStart: occurrence, moved: true });
    const tooFar = await api.call(vice, 'PUT', `/api/v1/teams/${teamId}/events/${event.id}/occurrences/${occurrence}`, {
      startsAt: new Date(start.getTime() + 30 * DAY).toISOString(),
    });
    expect(tooFar.json().code).toBe('TEAM_EVENT_OVERRIDE_TOO_FAR');
    // Cancelling the moved occurrence keeps where it went; answers to it are refused.
    const cancelled = await api.call(
      vice,
      'PUT',
      `/api/v1/teams/${teamId}/events/${event.id}/occurrences/${occurrence}`,
      { cancelled: true },
    );
    expect(cancelled.json()).toMatchObject({
      cancelled: true,
      moved: true,
      startsAt: new Date(start.getTime() + 8 * DAY).toISOString(),
    });
    expect((await schedule.rsvp(members[0], teamId, event.id, occurrence, 'yes')).json().code).toBe(
      'TEAM_EVENT_CANCELLED',
    );
    const notAnOccurrence = await schedule.rsvp(
      members[0],
      teamId,
      event.id,
      new Date(start.getTime() + HOUR).toISOString(),
      'yes',
    );
    expect(notAnOccurrence.json().code).toBe('TEAM_EVENT_OCCURRENCE_NOT_FOUND');
  });

  it('drops the overrides and answers of occurrences a moved series no longer has', async () => {
    const { teamId, captain, members } = await squad(1);
    const start = nextWeekday(3, 15);
    const created = await schedule.createEvent(captain, teamId, {
      timeZone: 'UTC',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
      recurrence: { weekdays: [3], count: 4 },
    });
    const eventId = created.json().id;
    const second = new Date(start.getTime() + 7 * DAY).toISOString();
    await schedule.rsvp(members[0], teamId, eventId, second, 'yes');
    const later = new Date(start.getTime() + HOUR);
    const moved = await api.call(captain, 'PATCH', `/api/v1/teams/${teamId}/events/${eventId}`, {
      startsAt: later.toISOString(),
      endsAt: new Date(later.getTime() + HOUR).toISOString(),
    });
    expect(moved.statusCode).toBe(200);
    expect((await schedule.rsvps(members[0], teamId, eventId, second)).json().code).toBe(
      'TEAM_EVENT_OCCURRENCE_NOT_FOUND',
    );
    const now = (
      await schedule.rsvps(members[0], teamId, eventId, new Date(later.getTime() + 7 * DAY).toISOString())
    ).json();
    expect(now.going).toEqual([]);
    // Moved back: the old occurrence exists again, but its answers went when it did.
    await api.call(captain, 'PATCH', `/api/v1/teams/${teamId}/events/${eventId}`, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
    });
    expect((await schedule.rsvps(members[0], teamId, eventId, second)).json().going).toEqual([]);
  });

  it('validates input with problem+json and explicit limits', async () => {
    const { teamId, captain } = await squad(0);
    const start = nextWeekday(2, 16);
    const bad = await schedule.createEvent(captain, teamId, {
      kind: 'party',
      title: 'x'.repeat(121),
      timeZone: 'Mars/Olympus',
      startsAt: 'tomorrow',
      endsAt: start.toISOString(),
      capacity: 0,
      recurrence: { weekdays: [8], intervalWeeks: 0 },
      extra: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'title', 'timeZone', 'startsAt', 'capacity', 'extra']));
    const backwards = await schedule.createEvent(captain, teamId, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() - HOUR).toISOString(),
    });
    expect(backwards.json()).toMatchObject({ status: 422, code: 'TEAM_EVENT_INVALID_TIMES' });
    const wrongDay = await schedule.createEvent(captain, teamId, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
      recurrence: { weekdays: [5] },
    });
    expect(wrongDay.json().code).toBe('TEAM_EVENT_INVALID_RULE');
    const wide = await schedule.occurrences(
      captain,
      teamId,
      `from=${start.toISOString()}&to=${new Date(start.getTime() + 200 * DAY).toISOString()}`,
    );
    expect(wide.json().code).toBe('TEAM_EVENT_WINDOW_TOO_LARGE');
    const page = await schedule.occurrences(
      captain,
      teamId,
      `from=${start.toISOString()}&to=${start.toISOString()}&limit=1000`,
    );
    expect(page.statusCode).toBe(400);
    const badOccurrence = await schedule.rsvp(captain, teamId, captain.id, 'yesterday', 'yes');
    expect(badOccurrence.statusCode).toBe(400);
  });

  it('fills the capacity, queues the rest in order, and promotes the next when a "yes" declines', async () => {
    const { teamId, captain, members } = await squad(4);
    const event = await schedule.eventIn(captain, teamId, 2 * DAY, { capacity: 2, title: 'Pickup', kind: 'pickup' });
    const at = event.startsAt;
    const answers: { waitlisted: boolean }[] = [];
    for (const member of members.slice(0, 4))
      answers.push((await schedule.rsvp(member, teamId, event.id, at, 'yes')).json());
    expect(answers.map((a) => a.waitlisted)).toEqual([false, false, true, true]);
    expect((await schedule.rsvp(members[0], teamId, event.id, at, 'no')).json()).toMatchObject({ response: 'no' });
    const list = (await schedule.rsvps(captain, teamId, event.id, at)).json();
    expect(list.going.map((r: { userId: string }) => r.userId)).toEqual([members[1].id, members[2].id]);
    expect(list.waitlist.map((r: { userId: string }) => r.userId)).toEqual([members[3].id]);
    expect(list.no.map((r: { userId: string }) => r.userId)).toEqual([members[0].id]);
    await eventually(async () => delivered.some((n) => n.kind === 'team_event.promoted' && n.userId === members[2].id));
    expect(delivered.find((n) => n.kind === 'team_event.promoted' && n.userId === members[2].id)).toMatchObject({
      data: { teamId, eventId: event.id, eventTitle: expect.any(String), occurrenceStart: at },
    });
    // Raising the capacity lets the next one in.
    expect(
      (await api.call(captain, 'PATCH', `/api/v1/teams/${teamId}/events/${event.id}`, { capacity: 3 })).statusCode,
    ).toBe(200);
    const after = (await schedule.rsvps(members[3], teamId, event.id, at)).json();
    expect(after.going).toHaveLength(3);
    expect(after.waitlist).toHaveLength(0);
  });

  it('gives the place of a member who leaves the team to the next in line', async () => {
    const { teamId, captain, members } = await squad(2);
    const event = await schedule.eventIn(captain, teamId, 2 * DAY, { capacity: 1 });
    await schedule.rsvp(members[0], teamId, event.id, event.startsAt, 'yes');
    expect((await schedule.rsvp(members[1], teamId, event.id, event.startsAt, 'yes')).json().waitlisted).toBe(true);
    expect((await api.call(members[0], 'POST', `/api/v1/teams/${teamId}/leave`)).statusCode).toBe(204);
    await t.flushOutbox();
    await eventually(async () => {
      const list = (await schedule.rsvps(captain, teamId, event.id, event.startsAt)).json();
      return list.going.length === 1 && list.going[0].userId === members[1].id;
    });
    await eventually(async () => delivered.some((n) => n.kind === 'team_event.promoted' && n.userId === members[1].id));
  });

  it('never overfills under concurrent answers', async () => {
    const { teamId, captain, members } = await squad(8);
    const event = await schedule.eventIn(captain, teamId, 2 * DAY, { capacity: 3 });
    const results = await Promise.all(members.map((m) => schedule.rsvp(m, teamId, event.id, event.startsAt, 'yes')));
    expect(results.map((r) => r.statusCode)).toEqual(members.map(() => 200));
    const list = (await schedule.rsvps(captain, teamId, event.id, event.startsAt)).json();
    expect(list.going).toHaveLength(3);
    expect(list.waitlist).toHaveLength(5);
    // Concurrent declines of those going promote exactly as many, in order.
    const going = list.going.map((r: { userId: string }) => members.find((m) => m.id === r.userId)!);
    await Promise.all(going.slice(0, 2).map((m: TestUser) => schedule.rsvp(m, teamId, event.id, event.startsAt, 'no')));
    const again = (await schedule.rsvps(captain, teamId, event.id, event.startsAt)).json();
    expect(again.going).toHaveLength(3);
    expect(again.going.map((r: { userId: string }) => r.userId)).toEqual(
      expect.arrayContaining(list.waitlist.slice(0, 2).map((r: { userId: string }) => r.userId)),
    );
    expect(again.waitlist).toHaveLength(3);
  });

  it('refuses answers after the deadline and to cancelled occurrences, and tells members of a cancellation', async () => {
    const { teamId, captain, members } = await squad(2);
    const closing = await schedule.eventIn(captain, teamId, 30 * 60_000, { rsvpCloseMinutes: 60 });
    const late = await schedule.rsvp(members[0], teamId, closing.id, closing.startsAt, 'yes');
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('TEAM_EVENT_RSVP_CLOSED');

    const event = await schedule.eventIn(captain, teamId, DAY);
    const cancelled = await api.call(captain, 'POST', `/api/v1/teams/${teamId}/events/${event.id}/cancel`);
    expect(cancelled.json().cancelledAt).not.toBeNull();
    const refused = await schedule.rsvp(members[0], teamId, event.id, event.startsAt, 'yes');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('TEAM_EVENT_CANCELLED');
    await eventually(async () =>
      members.every((m) =>
        delivered.some((n) => n.kind === 'team_event.cancelled' && n.userId === m.id && n.data.eventId === event.id),
      ),
    );
    expect(delivered.some((n) => n.userId === captain.id && n.data.eventId === event.id)).toBe(false);
  });

  it('records attendance after the start (managers only, members of the team only)', async () => {
    const { teamId, captain, members } = await squad(2);
    const past = await schedule.eventIn(captain, teamId, -HOUR);
    const url = `/api/v1/teams/${teamId}/events/${past.id}/occurrences/${past.startsAt}/attendance`;
    const entries = [
      { userId: members[0].id, present: true },
      { userId: members[1].id, present: false },
    ];
    expect((await api.call(members[0], 'PUT', url, { entries })).json().code).toBe('TEAM_NOT_MANAGER');
    const stranger = await api.call(captain, 'PUT', url, { entries: [{ userId: newUser().id, present: true }] });
    expect(stranger.json().code).toBe('TEAM_EVENT_ATTENDANCE_NOT_MEMBER');
    const recorded = await api.call(captain, 'PUT', url, { entries });
    expect(recorded.statusCode).toBe(200);
    const read = (await api.call(members[1], 'GET', url)).json().items;
    expect(read).toHaveLength(2);
    expect(read).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: members[0].id, present: true, recordedBy: captain.id }),
        expect.objectContaining({ userId: members[1].id, present: false }),
      ]),
    );
    const future = await schedule.eventIn(captain, teamId, DAY);
    const early = await api.call(
      captain,
      'PUT',
      `/api/v1/teams/${teamId}/events/${future.id}/occurrences/${future.startsAt}/attendance`,
      { entries },
    );
    expect(early.json().code).toBe('TEAM_EVENT_ATTENDANCE_TOO_EARLY');
  });

  it('publishes domain events on team.events.v1 through the outbox', async () => {
    const probe = await probeTopic(t.kafka, Topics.teamEvents);
    try {
      const { teamId, captain, members } = await squad(1);
      const event = await schedule.eventIn(captain, teamId, DAY, { capacity: 1 });
      await schedule.rsvp(members[0], teamId, event.id, event.startsAt, 'yes');
      await api.call(captain, 'PATCH', `/api/v1/teams/${teamId}/events/${event.id}`, { title: 'Renamed' });
      await api.call(captain, 'POST', `/api/v1/teams/${teamId}/events/${event.id}/cancel`);
      await t.flushOutbox();
      const types = ['team.event.created', 'team.event.rsvp_changed', 'team.event.updated', 'team.event.cancelled'];
      await probe.waitFor((received) =>
        types.every((type) => received.some((e) => e.envelope.type === type && e.envelope.data.eventId === event.id)),
      );
      const mine = probe.received.filter((e) => e.envelope.data.eventId === event.id);
      expect(mine.map((e) => e.envelope.type)).toEqual(types);
      expect(mine.every((e) => e.key === teamId)).toBe(true);
    } finally {
      await probe.stop();
    }
  });

  it('carries the whole event, as it is after each change, in created, updated and cancelled', async () => {
    const probe = await probeTopic(t.kafka, Topics.teamEvents);
    try {
      const { teamId, captain } = await squad(0);
      const start = nextWeekday(2, 16);
      const week = (n: number) => new Date(start.getTime() + n * 7 * DAY).toISOString();
      const created = await schedule.createEvent(captain, teamId, {
        title: 'Tuesday training',
        venue: { name: 'School No. 5 pitch' },
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        capacity: 14,
        rsvpCloseMinutes: 60,
        recurrence: { weekdays: [2], count: 4, skippedDates: [localDay(new Date(start.getTime() + 14 * DAY))] },
      });
      const eventId = created.json<{ id: string }>().id;
      const url = `/api/v1/teams/${teamId}/events/${eventId}`;
      await api.call(captain, 'PATCH', url, { title: 'Renamed' });
      const moved = new Date(start.getTime() + 7 * DAY + HOUR).toISOString();
      expect((await api.call(captain, 'PUT', `${url}/occurrences/${week(1)}`, { startsAt: moved })).statusCode).toBe(
        200,
      );
      await api.call(captain, 'PUT', `${url}/occurrences/${week(3)}`, { cancelled: true });
      await api.call(captain, 'POST', `${url}/cancel`);
      await t.flushOutbox();

      const mine = () => probe.received.filter((e) => e.envelope.data.eventId === eventId);
      await probe.waitFor(() => mine().length >= 5);
      for (const { envelope } of mine())
        expect(envelopeSchemaFor(envelope.type).safeParse(envelope).success).toBe(true);
      expect(mine().map((e) => e.envelope.type)).toEqual([
        'team.event.created',
        'team.event.updated',
        'team.event.updated',
        'team.event.cancelled',
        'team.event.cancelled',
      ]);
      const snapshots = mine().map((e) => e.envelope.data.snapshot);
      const first = {
        kind: 'training',
        title: 'Tuesday training',
        venueName: 'School No. 5 pitch',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        timeZone: 'Europe/Moscow',
        capacity: 14,
        rsvpCloseMinutes: 60,
        rule: { weekdays: [2], intervalWeeks: 1, until: null, count: 4, skippedDates: [localDay(new Date(week(2)))] },
        overrides: [],
        cancelled: false,
        version: 1,
      };
      const move = { occurrenceStart: week(1), startsAt: moved, endsAt: expect.any(String), cancelled: false };
      const drop = { occurrenceStart: week(3), startsAt: null, endsAt: null, cancelled: true };
      expect(snapshots).toEqual([
        first,
        { ...first, title: 'Renamed', version: 2 },
        { ...first, title: 'Renamed', overrides: [move], version: 3 },
        { ...first, title: 'Renamed', overrides: [move, drop], version: 4 },
        { ...first, title: 'Renamed', overrides: [move, drop], cancelled: true, version: 5 },
      ]);
      expect(mine()[3].envelope.data.occurrenceStart).toBe(week(3));
      expect(mine()[4].envelope.data).not.toHaveProperty('occurrenceStart');
    } finally {
      await probe.stop();
    }
  });

  it('moves or cancels at most 1000 occurrences of one event one by one (the snapshot carries them all)', async () => {
    const { teamId, captain } = await squad(0);
    const start = nextWeekday(3, 16);
    const day = (n: number) => new Date(start.getTime() + n * DAY).toISOString();
    const created = await schedule.createEvent(captain, teamId, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
      recurrence: { weekdays: [1, 2, 3, 4, 5, 6, 7] },
    });
    const eventId = created.json<{ id: string }>().id;
    const { Client } = await import('pg');
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO team_event_overrides (event_id, occurrence_start, cancelled, updated_at)
         SELECT $1, $2::timestamptz + n * interval '1 day', true, now() FROM generate_series(1, 1000) AS n`,
        [eventId, start.toISOString()],
      );
    } finally {
      await client.end();
    }
    const url = `/api/v1/teams/${teamId}/events/${eventId}/occurrences`;
    const refused = await api.call(captain, 'PUT', `${url}/${day(1001)}`, { cancelled: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('TEAM_EVENT_TOO_MANY_OVERRIDES');
    // One already overridden may still change.
    expect((await api.call(captain, 'PUT', `${url}/${day(5)}`, { cancelled: false })).statusCode).toBe(200);
  });
});

/** The next given ISO weekday (1 = Monday) at least two days ahead, at `hourUtc`:00Z. */
function nextWeekday(weekday: number, hourUtc: number): Date {
  const d = new Date(Date.now() + 2 * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  while (((d.getUTCDay() + 6) % 7) + 1 !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function localDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
