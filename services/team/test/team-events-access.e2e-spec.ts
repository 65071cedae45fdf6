import { walkForgedIdentities } from '@prodvor/testing';
import { scheduleApi } from './support/schedule-api';
import { teamApi } from './support/team-api';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Who may call the team event routes: strangers, players, forged identities; retried creations. */
describe('team events: access and retries', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let schedule: ReturnType<typeof scheduleApi>;

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
    schedule = scheduleApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const squad = (players: number) => schedule.squad(players);

  it('creates one event per Idempotency-Key, even for concurrent retries', async () => {
    const { teamId, captain } = await squad(0);
    const start = new Date(Date.now() + DAY);
    const body = {
      kind: 'friendly',
      title: 'Friendly vs Dvor City',
      timeZone: 'Europe/Moscow',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
      venue: { name: 'Central', address: 'Lenina 1' },
    };
    const send = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/teams/${teamId}/events`,
        headers: { ...captain.headers, 'idempotency-key': `event-${captain.id}` },
        payload,
      });
    const [a, b] = await Promise.all([send(body), send(body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    // The same body with its nested keys in another order is the same request.
    const reordered = await send({ ...body, venue: { address: 'Lenina 1', name: 'Central' } });
    expect(reordered.statusCode).toBe(200);
    const different = await send({ ...body, title: 'Another' });
    expect(different.json()).toMatchObject({ status: 422, code: 'TEAM_IDEMPOTENCY_KEY_REUSED' });
    const list = await api.call(captain, 'GET', `/api/v1/teams/${teamId}/events`);
    expect(list.json().items).toHaveLength(1);
  });

  it('refuses strangers on every route, and players on manager routes', async () => {
    const { teamId, captain, members } = await squad(1);
    const event = await schedule.eventIn(captain, teamId, -HOUR);
    const o = `/api/v1/teams/${teamId}/events/${event.id}/occurrences/${event.startsAt}`;
    const start = new Date(Date.now() + DAY).toISOString();
    const end = new Date(Date.now() + DAY + HOUR).toISOString();
    const body = { kind: 'training', title: 'T', timeZone: 'UTC', startsAt: start, endsAt: end };
    const routes: [string, string, unknown?][] = [
      ['POST', `/api/v1/teams/${teamId}/events`, body],
      ['GET', `/api/v1/teams/${teamId}/events`],
      ['GET', `/api/v1/teams/${teamId}/events/${event.id}`],
      ['PATCH', `/api/v1/teams/${teamId}/events/${event.id}`, { title: 'Taken' }],
      ['POST', `/api/v1/teams/${teamId}/events/${event.id}/cancel`],
      ['PUT', o, { cancelled: true }],
      ['GET', `/api/v1/teams/${teamId}/occurrences?from=${start}&to=${end}`],
      ['PUT', `${o}/rsvp`, { response: 'yes' }],
      ['GET', `${o}/rsvps`],
      ['PUT', `${o}/attendance`, { entries: [{ userId: members[0].id, present: true }] }],
      ['GET', `${o}/attendance`],
      ['GET', `/api/v1/teams/${teamId}/events.ics`],
    ];
    const stranger = newUser();
    for (const [method, url, payload] of routes) {
      const res = await api.call(stranger, method as 'GET', url, payload);
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 403 });
      expect(['TEAM_EVENT_MEMBERS_ONLY', 'TEAM_NOT_MANAGER']).toContain(res.json().code);
      expect((await api.call(undefined, method as 'GET', url, payload)).statusCode).toBe(401);
    }
    const managerOnly = routes.filter(([method, url]) => method !== 'GET' && !url.endsWith('/rsvp'));
    for (const [method, url, payload] of managerOnly) {
      const res = await api.call(members[0], method as 'GET', url, payload);
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({
        url,
        status: 403,
        code: 'TEAM_NOT_MANAGER',
      });
    }
    const otherTeam = await squad(0);
    const elsewhere = await api.call(otherTeam.captain, 'GET', `/api/v1/teams/${otherTeam.teamId}/events/${event.id}`);
    expect(elsewhere.json().code).toBe('TEAM_EVENT_NOT_FOUND');
  });

  it('walks forged identities on a manager route', async () => {
    const { teamId } = await squad(0);
    const start = new Date(Date.now() + DAY);
    const failures = await walkForgedIdentities({
      send: (headers) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/teams/${teamId}/events`,
          headers,
          payload: {
            kind: 'training',
            title: 'Forged',
            timeZone: 'UTC',
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + HOUR).toISOString(),
          },
        }),
      user: newUser().headers,
      servedAsUser: 403,
    });
    expect(failures).toEqual([]);
  });
});
