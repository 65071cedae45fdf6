import { Topics } from '@prodvor/contracts';
import { randomUUID } from 'node:crypto';
import { getMe, homeEvents, pollMe } from './support/home-events';
import { dayAt18, snapshot, weekly, type Snapshot } from './support/team-event-snapshots';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

interface MyOccurrence {
  eventId: string;
  occurrenceStart: string;
  teamId: string;
  teamName: string | null;
  kind: string;
  title: string;
  venueName: string | null;
  startsAt: string;
  endsAt: string;
  myRsvp: string;
  waitlisted: boolean;
  rsvpClosesAt: string;
}

const WEEK = 7 * 24 * 3_600_000;

describe('GET /api/v1/me/events from team.events.v1', () => {
  let t: UserTestApp;
  let events: ReturnType<typeof homeEvents>;

  beforeAll(async () => {
    t = await startUserApp();
    events = homeEvents(t.kafka);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function team(captain: TestUser, players: TestUser[] = []) {
    const teamId = randomUUID();
    await events.team('team.created', teamId, { teamId, name: 'Yard Team', format: '5x5', captainId: captain.id });
    for (const p of players) await events.team('team.member.joined', teamId, { teamId, userId: p.id, role: 'player' });
    return teamId;
  }

  const created = (teamId: string, eventId: string, s: Snapshot) =>
    events.team('team.event.created', teamId, {
      teamId,
      eventId,
      kind: s.kind,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      timeZone: s.timeZone,
      recurring: s.rule !== null,
      createdBy: randomUUID(),
      snapshot: s,
    });

  const updated = (teamId: string, eventId: string, s: Snapshot) =>
    events.envelope('team.event.updated', 'team', teamId, {
      teamId,
      eventId,
      fields: ['title'],
      updatedBy: randomUUID(),
      snapshot: s,
    });

  it("expands my teams' series in the default window with my answers, and shows nothing to a stranger", async () => {
    const [captain, player, stranger] = [newUser(), newUser(), newUser()];
    const teamId = await team(captain, [player]);
    const eventId = randomUUID();
    const first = dayAt18(1);
    await created(teamId, eventId, weekly(first, 4));
    const second = new Date(first.getTime() + WEEK).toISOString();
    await events.team('team.event.rsvp_changed', teamId, {
      teamId,
      eventId,
      occurrenceStart: second,
      userId: player.id,
      response: 'yes',
      waitlisted: true,
    });
    const mine = await pollMe<MyOccurrence>(t.app, 'events', player.headers, (items) =>
      items.some((o) => o.myRsvp === 'yes'),
    );
    expect(mine.map((o) => o.occurrenceStart)).toEqual(
      [0, 1, 2, 3].map((w) => new Date(first.getTime() + w * WEEK).toISOString()),
    );
    expect(mine[1]).toEqual({
      eventId,
      occurrenceStart: second,
      teamId,
      teamName: 'Yard Team',
      kind: 'training',
      title: 'Training',
      venueName: 'Yard 7',
      startsAt: second,
      endsAt: new Date(first.getTime() + WEEK + 90 * 60_000).toISOString(),
      timeZone: 'UTC',
      myRsvp: 'yes',
      waitlisted: true,
      rsvpClosesAt: new Date(first.getTime() + WEEK - 3_600_000).toISOString(),
    });
    expect(mine.filter((o) => o.myRsvp === 'none')).toHaveLength(3);
    const captains = await getMe<MyOccurrence>(t.app, 'events', captain.headers);
    expect(captains.items.map((o) => o.myRsvp)).toEqual(['none', 'none', 'none', 'none']);
    expect((await getMe(t.app, 'events', stranger.headers)).items).toEqual([]);

    const page = await getMe<MyOccurrence>(t.app, 'events?limit=3', player.headers);
    expect(page.items).toHaveLength(3);
    const rest = await getMe<MyOccurrence>(t.app, `events?limit=3&cursor=${page.nextCursor}`, player.headers);
    expect(rest.items.map((o) => o.occurrenceStart)).toEqual([mine[3].occurrenceStart]);
    expect(rest.nextCursor).toBeNull();

    const from = new Date(first.getTime() + WEEK - 1000).toISOString();
    const to = new Date(first.getTime() + 2 * WEEK).toISOString();
    const window = await getMe<MyOccurrence>(t.app, `events?from=${from}&to=${to}`, player.headers);
    expect(window.items.map((o) => o.occurrenceStart)).toEqual([second]);
  });

  it('keeps only the highest snapshot version, ignores events without one, applies moves and cancellations', async () => {
    const captain = newUser();
    const teamId = await team(captain);
    const eventId = randomUUID();
    const first = dayAt18(2);
    await created(teamId, eventId, weekly(first, 3));
    await pollMe<MyOccurrence>(t.app, 'events', captain.headers, (items) => items.length === 3);

    const moved = new Date(first.getTime() + WEEK + 3_600_000);
    const v3 = weekly(first, 3, {
      title: 'Renamed',
      version: 3,
      overrides: [
        {
          occurrenceStart: new Date(first.getTime() + WEEK).toISOString(),
          startsAt: moved.toISOString(),
          endsAt: new Date(moved.getTime() + 90 * 60_000).toISOString(),
          cancelled: false,
        },
        {
          occurrenceStart: new Date(first.getTime() + 2 * WEEK).toISOString(),
          startsAt: null,
          endsAt: null,
          cancelled: true,
        },
      ],
    });
    const newest = updated(teamId, eventId, v3);
    await events.raw(Topics.teamEvents, teamId, newest);
    await pollMe<MyOccurrence>(t.app, 'events', captain.headers, (items) => items[0]?.title === 'Renamed');
    // Older, snapshot-less and redelivered changes leave it as it is.
    await events.raw(
      Topics.teamEvents,
      teamId,
      updated(teamId, eventId, weekly(first, 3, { title: 'Old', version: 2 })),
    );
    // One without its snapshot (off the contract now that it is required): dead-lettered, not applied.
    await events.raw(Topics.teamEvents, teamId, {
      ...newest,
      id: randomUUID(),
      data: { ...newest.data, snapshot: undefined },
    });
    await events.raw(Topics.teamEvents, teamId, newest);
    const marker = randomUUID();
    await created(teamId, marker, snapshot(dayAt18(20), { title: 'Marker' }));
    const after = await pollMe<MyOccurrence>(t.app, 'events', captain.headers, (items) =>
      items.some((o) => o.eventId === marker),
    );
    expect(after.map((o) => [o.title, o.occurrenceStart, o.startsAt])).toEqual([
      ['Renamed', first.toISOString(), first.toISOString()],
      ['Renamed', new Date(first.getTime() + WEEK).toISOString(), moved.toISOString()],
      ['Marker', dayAt18(20).toISOString(), dayAt18(20).toISOString()],
    ]);

    await events.team('team.event.cancelled', teamId, {
      teamId,
      eventId,
      cancelledBy: captain.id,
      snapshot: { ...v3, cancelled: true, version: 4 },
    });
    await pollMe<MyOccurrence>(t.app, 'events', captain.headers, (items) => items.every((o) => o.eventId === marker));
  });

  it('rejects bad windows and parameters with 400 problem+json', async () => {
    const user = newUser();
    const now = Date.now();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    for (const [query, code] of [
      [`from=${iso(0)}&to=${iso(93 * 24 * 3_600_000)}`, 'ME_WINDOW_INVALID'],
      [`from=${iso(WEEK)}&to=${iso(0)}`, 'ME_WINDOW_INVALID'],
      [`to=${iso(-WEEK)}`, 'ME_WINDOW_INVALID'],
      ['from=tomorrow', 'VALIDATION_FAILED'],
      ['limit=-1', 'VALIDATION_FAILED'],
      ['cursor=e30', 'INVALID_CURSOR'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/events?${query}`, headers: user.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, query).toBe(code);
    }
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/events?from=${iso(0)}&to=${iso(92 * 24 * 3_600_000)}`,
      headers: user.headers,
    });
    expect(ok.statusCode).toBe(200);
  });
});
