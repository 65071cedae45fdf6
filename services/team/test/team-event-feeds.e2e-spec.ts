import { scheduleApi } from './support/schedule-api';
import { teamApi } from './support/team-api';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  status: string | null;
}

// ical.js is an ES module (vitest loads it; the CommonJS test build only needs its types).
let ICAL: typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;

/** Parses a feed with an independent RFC 5545 parser (ical.js), not the generator that wrote it. */
function parseFeed(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
}

describe('team event calendar feeds', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let schedule: ReturnType<typeof scheduleApi>;

  beforeAll(async () => {
    ICAL = (await import('ical.js')).default;
    t = await startTeamApp();
    api = teamApi(t.app);
    schedule = scheduleApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("serves the team's feed to members as RFC 5545 that a parser reads back, occurrences and cancellations included", async () => {
    const captain = newUser();
    const team = await api.createTeam(captain);
    const member = await api.addPlayer(captain, team.id);
    const start = new Date(Math.ceil((Date.now() + DAY) / HOUR) * HOUR);
    const weekday = ((start.getUTCDay() + 6) % 7) + 1;
    const created = await schedule.createEvent(captain, team.id, {
      title: 'Weekly, with a comma; and a semicolon',
      timeZone: 'UTC',
      venue: { name: 'Yard', address: 'Lenina 1' },
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
      recurrence: { weekdays: [weekday], count: 3 },
    });
    expect(created.statusCode).toBe(201);
    const second = new Date(start.getTime() + 7 * DAY).toISOString();
    await api.call(captain, 'PUT', `/api/v1/teams/${team.id}/events/${created.json().id}/occurrences/${second}`, {
      cancelled: true,
    });

    const res = await api.call(member, 'GET', `/api/v1/teams/${team.id}/events.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const events = parseFeed(res.body);
    expect(events.map((e) => [e.start, e.summary, e.status])).toEqual([
      [start.toISOString(), 'Weekly, with a comma; and a semicolon', 'CONFIRMED'],
      [second, 'Weekly, with a comma; and a semicolon', 'CANCELLED'],
      [new Date(start.getTime() + 14 * DAY).toISOString(), 'Weekly, with a comma; and a semicolon', 'CONFIRMED'],
    ]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
    expect((await api.call(newUser(), 'GET', `/api/v1/teams/${team.id}/events.ics`)).statusCode).toBe(403);
  });

  it('serves my personal feed by its secret URL without a bearer token; rotating or revoking it makes the old URL 404', async () => {
    const captain = newUser();
    const teamA = await api.createTeam(captain, { name: 'Team A' });
    const player = await api.addPlayer(captain, teamA.id);
    const otherCaptain = newUser();
    const teamB = await api.createTeam(otherCaptain, { name: 'Team B' });
    const elsewhere = await api.createTeam(newUser(), { name: 'Not mine' });
    const invitation = await api.invite(otherCaptain, teamB.id, player.id);
    await api.accept(player, invitation.json().id);
    await schedule.eventIn(captain, teamA.id, DAY, { title: 'A training' });
    await schedule.eventIn(otherCaptain, teamB.id, 2 * DAY, { title: 'B pickup', kind: 'pickup' });
    const notMine = await schedule.eventIn(newUser(), elsewhere.id, DAY).catch(() => null);
    expect(notMine).toBeNull(); // a stranger cannot even create one there

    const rotated = await api.call(player, 'POST', '/api/v1/team-event-feed-token');
    expect(rotated.statusCode).toBe(201);
    const { token, path } = rotated.json<{ token: string; path: string }>();
    expect(path).toBe(`/api/v1/team-event-feeds/${token}.ics`);
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(parseFeed(feed.body).map((e) => e.summary)).toEqual(['A training', 'B pickup']);

    const again = (await api.call(player, 'POST', '/api/v1/team-event-feed-token')).json<{ path: string }>();
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: again.path })).statusCode).toBe(200);
    expect((await api.call(player, 'DELETE', '/api/v1/team-event-feed-token')).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: again.path });
    expect(revoked.statusCode).toBe(404);
    expect(revoked.json().code).toBe('TEAM_EVENT_FEED_NOT_FOUND');
    expect(revoked.headers['content-type']).toContain('application/problem+json');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/team-event-feeds/short.ics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/team-event-feed-token' })).statusCode).toBe(401);
  });
});
