import {
  freePort,
  serverUrls,
  startServiceProcess,
  startTestKafka,
  testIdentityEnv,
  uniqueName,
  walkForgedIdentities,
  type ServiceProcess,
  type TestKafka,
} from '@prodvor/testing';
import { join } from 'node:path';
import { scheduleApi } from './support/schedule-api';
import { teamApi } from './support/team-api';
import { newUser, startTeamApp, type TeamTestApp, type TestUser } from './support/team-app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Game {
  sideA: { userId: string; skill: number }[];
  sideB: { userId: string; skill: number }[];
  result: { sideAScore: number; sideBScore: number; scorers: { userId: string; goals: number }[] } | null;
}

/** Pickup games against the real ai-service (its balancer needs no model: a template explains the split). */
describe('pickup games', () => {
  let ai: ServiceProcess;
  let aiKafka: TestKafka;
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let schedule: ReturnType<typeof scheduleApi>;

  beforeAll(async () => {
    aiKafka = await startTestKafka();
    ai = await startServiceProcess(join(__dirname, '../../ai/dist/main.js'), {
      SERVICE_NAME: 'ai',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: serverUrls.redis,
      REDIS_KEY_PREFIX: uniqueName('ai'),
      GOOGLE_API_KEY: '',
      ...aiKafka.env,
      ...(await testIdentityEnv()),
    });
    t = await startTeamApp({ AI_SERVICE_URL: ai.url, AI_SERVICE_TIMEOUT_MS: '5000' });
    api = teamApi(t.app);
    schedule = scheduleApi(t.app);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await ai?.stop();
    await aiKafka?.stop();
  });

  const occurrenceUrl = (teamId: string, event: { id: string; startsAt: string }) =>
    `/api/v1/teams/${teamId}/events/${event.id}/occurrences/${event.startsAt}`;

  afterEach(() => vi.restoreAllMocks());

  /** A pickup event tomorrow, lasting an hour, every member but the managers answering yes. */
  async function pickupGame(players: number, capacity?: number) {
    const squad = await schedule.squad(players);
    const event = await schedule.eventIn(squad.captain, squad.teamId, DAY, {
      kind: 'pickup',
      title: 'Sunday pickup',
      ...(capacity ? { capacity } : {}),
    });
    for (const member of squad.members) {
      const res = await schedule.rsvp(member, squad.teamId, event.id, event.startsAt, 'yes');
      expect(res.statusCode).toBe(200);
    }
    return { ...squad, event, url: occurrenceUrl(squad.teamId, event) };
  }

  it('draws two balanced sides from the going list (never the waitlist) by pickup skill', async () => {
    const { teamId, captain, vice, members, url } = await pickupGame(7, 6);
    const skills = [10, 9, 2, 1, 5, 6];
    for (const [i, skill] of skills.entries()) {
      const res = await api.call(vice, 'PUT', `/api/v1/teams/${teamId}/members/${members[i].id}/pickup-skill`, {
        skill,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ teamId, userId: members[i].id, skill });
    }
    const drawn = await api.call(captain, 'POST', `${url}/sides`);
    expect(drawn.statusCode).toBe(200);
    const game = drawn.json<Game>();
    const going = members.slice(0, 6).map((m) => m.id);
    const onSides = [...game.sideA, ...game.sideB].map((p) => p.userId);
    expect(onSides.sort()).toEqual([...going].sort());
    expect(onSides).not.toContain(members[6].id);
    expect(game.sideA).toHaveLength(3);
    const total = (side: { skill: number }[]) => side.reduce((sum, p) => sum + p.skill, 0);
    expect(Math.abs(total(game.sideA) - total(game.sideB))).toBeLessThanOrEqual(1);
    expect(game.result).toBeNull();
    // Two managers drawing at once: both answered, one draw stands.
    const both = await Promise.all([api.call(captain, 'POST', `${url}/sides`), api.call(vice, 'POST', `${url}/sides`)]);
    expect(both.map((res) => res.statusCode)).toEqual([200, 200]);
    const read = await api.call(members[6], 'GET', `${url}/sides`);
    expect(read.statusCode).toBe(200);
    expect(read.json<Game>().sideA).toEqual(game.sideA);
  });

  it('records the result and scorers, and the stats count it', async () => {
    const { teamId, captain, members, event, url } = await pickupGame(4);
    const game = (await api.call(captain, 'POST', `${url}/sides`)).json<Game>();
    const [a1, a2] = game.sideA.map((p) => p.userId);
    const [b1] = game.sideB.map((p) => p.userId);
    // The game is played: the clock moves to 10 minutes after the start.
    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(Date.parse(event.startsAt) + 10 * MINUTE));
    const put = (body: unknown, by: TestUser = captain) => api.call(by, 'PUT', `${url}/result`, body);

    expect((await put({ sideAScore: 1, sideBScore: 0, scorers: [{ userId: a1, goals: 2 }] })).json().code).toBe(
      'TEAM_EVENT_GOALS_OVER_SCORE',
    );
    const outsider = await put({ sideAScore: 1, sideBScore: 0, scorers: [{ userId: newUser().id, goals: 1 }] });
    expect(outsider.json().code).toBe('TEAM_EVENT_SCORER_NOT_ON_SIDE');
    const twice = await put({
      sideAScore: 3,
      sideBScore: 0,
      scorers: [
        { userId: a1, goals: 1 },
        { userId: a1, goals: 1 },
      ],
    });
    expect(twice.json().code).toBe('TEAM_EVENT_SCORER_NOT_ON_SIDE');
    for (const bad of [
      { sideAScore: -1, sideBScore: 0, scorers: [] },
      { sideAScore: 100, sideBScore: 0, scorers: [] },
      { sideAScore: 1, sideBScore: 0, scorers: [{ userId: a1, goals: 0 }] },
      { sideAScore: 1, sideBScore: 0, scorers: [{ userId: 'x', goals: 1 }] },
      { sideAScore: 1, sideBScore: 0 },
      { sideAScore: 1, sideBScore: 0, scorers: [], extra: true },
    ]) {
      const res = await put(bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await put({ sideAScore: 0, sideBScore: 0, scorers: [] }, members[0])).json().code).toBe('TEAM_NOT_MANAGER');

    const recorded = await put({
      sideAScore: 3,
      sideBScore: 1,
      scorers: [
        { userId: a1, goals: 2 },
        { userId: a2, goals: 1 },
        { userId: b1, goals: 1 },
      ],
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json<Game>().result).toMatchObject({ sideAScore: 3, sideBScore: 1 });
    expect((await api.call(members[0], 'GET', `${url}/sides`)).json<Game>().result?.scorers).toHaveLength(3);

    const stats = await api.call(members[1], 'GET', `/api/v1/teams/${teamId}/pickup-stats?limit=100`);
    expect(stats.statusCode).toBe(200);
    const rows = stats.json<{
      items: { userId: string; games: number; wins: number; losses: number; goals: number }[];
    }>().items;
    expect(rows.find((r) => r.userId === a1)).toMatchObject({ games: 1, wins: 1, losses: 0, goals: 2 });
    expect(rows.find((r) => r.userId === b1)).toMatchObject({ games: 1, wins: 0, losses: 1, goals: 1 });
    expect(rows.find((r) => r.userId === captain.id)).toMatchObject({ games: 0 });
    expect(rows.map((r) => r.games)).toEqual([...rows.map((r) => r.games)].sort((x, y) => y - x));
    const first = await api.call(members[1], 'GET', `/api/v1/teams/${teamId}/pickup-stats?limit=2`);
    const next = first.json<{ nextCursor: string }>().nextCursor;
    expect(next).toEqual(expect.any(String));
    const second = await api.call(members[1], 'GET', `/api/v1/teams/${teamId}/pickup-stats?limit=2&cursor=${next}`);
    expect(second.json<{ items: unknown[] }>().items).toHaveLength(2);
    expect((await api.call(members[1], 'GET', `/api/v1/teams/${teamId}/pickup-stats?limit=101`)).statusCode).toBe(400);
  });

  it('a new draw replaces the sides and voids their result; a cancelled occurrence has no draw', async () => {
    const { teamId, captain, members, event, url } = await pickupGame(2);
    await api.call(captain, 'POST', `${url}/sides`);
    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(Date.parse(event.startsAt) + 10 * MINUTE));
    const recorded = await api.call(captain, 'PUT', `${url}/result`, { sideAScore: 1, sideBScore: 1, scorers: [] });
    expect(recorded.statusCode).toBe(200);
    const redrawn = await api.call(captain, 'POST', `${url}/sides`);
    expect(redrawn.statusCode).toBe(200);
    expect(redrawn.json<Game>().result).toBeNull();
    expect((await api.call(members[0], 'GET', `${url}/sides`)).json<Game>().result).toBeNull();
    vi.restoreAllMocks();
    const cancelled = await api.call(captain, 'PUT', url, { cancelled: true });
    expect(cancelled.statusCode).toBe(200);
    expect((await api.call(captain, 'POST', `${url}/sides`)).json().code).toBe('TEAM_EVENT_CANCELLED');
    const badCursor = await api.call(members[0], 'GET', `/api/v1/teams/${teamId}/pickup-stats?cursor=%25%25`);
    expect(badCursor.json().code).toBe('INVALID_CURSOR');
  });

  it('refuses sides for other kinds, too few players, ended occurrences, and results before sides or start', async () => {
    const { teamId, captain, members } = await schedule.squad(2);
    const training = await schedule.eventIn(captain, teamId, DAY);
    expect((await api.call(captain, 'POST', `${occurrenceUrl(teamId, training)}/sides`)).json().code).toBe(
      'TEAM_EVENT_NOT_PICKUP',
    );
    const future = await schedule.eventIn(captain, teamId, DAY, { kind: 'pickup' });
    const futureUrl = occurrenceUrl(teamId, future);
    await schedule.rsvp(members[0], teamId, future.id, future.startsAt, 'yes');
    expect((await api.call(captain, 'POST', `${futureUrl}/sides`)).json().code).toBe('TEAM_EVENT_TOO_FEW_PLAYERS');
    expect(
      (await api.call(captain, 'PUT', `${futureUrl}/result`, { sideAScore: 0, sideBScore: 0, scorers: [] })).json()
        .code,
    ).toBe('TEAM_EVENT_RESULT_TOO_EARLY');
    const ended = await schedule.eventIn(captain, teamId, -2 * 60 * MINUTE, { kind: 'pickup' });
    expect((await api.call(captain, 'POST', `${occurrenceUrl(teamId, ended)}/sides`)).json().code).toBe(
      'TEAM_EVENT_OCCURRENCE_ENDED',
    );
    expect(
      (
        await api.call(captain, 'PUT', `${occurrenceUrl(teamId, ended)}/result`, {
          sideAScore: 0,
          sideBScore: 0,
          scorers: [],
        })
      ).json().code,
    ).toBe('TEAM_EVENT_SIDES_NOT_SET');
    const skill = (body: unknown, userId = members[0].id) =>
      api.call(captain, 'PUT', `/api/v1/teams/${teamId}/members/${userId}/pickup-skill`, body);
    expect((await skill({ skill: 11 })).statusCode).toBe(400);
    expect((await skill({ skill: 0 })).statusCode).toBe(400);
    expect((await skill({ skill: 5 }, newUser().id)).json().code).toBe('TEAM_EVENT_PICKUP_NOT_MEMBER');
  });

  it('refuses strangers, anonymous callers and players where managers only', async () => {
    const { teamId, members, url } = await pickupGame(2);
    const stranger = newUser();
    const routes: [string, string, unknown?][] = [
      ['POST', `${url}/sides`],
      ['GET', `${url}/sides`],
      ['PUT', `${url}/result`, { sideAScore: 0, sideBScore: 0, scorers: [] }],
      ['GET', `/api/v1/teams/${teamId}/pickup-stats`],
      ['PUT', `/api/v1/teams/${teamId}/members/${members[0].id}/pickup-skill`, { skill: 5 }],
    ];
    for (const [method, path, body] of routes) {
      expect((await api.call(undefined, method as 'GET', path, body)).statusCode).toBe(401);
      expect((await api.call(stranger, method as 'GET', path, body)).statusCode).toBe(403);
      if (method !== 'GET')
        expect((await api.call(members[0], method as 'GET', path, body)).json().code).toBe('TEAM_NOT_MANAGER');
    }
  });

  it('walks forged identities on the sides route', async () => {
    const { url } = await pickupGame(2);
    const failures = await walkForgedIdentities({
      send: (headers) => t.app.inject({ method: 'POST', url: `${url}/sides`, headers }),
      user: newUser().headers,
      servedAsUser: 403,
    });
    expect(failures).toEqual([]);
  });

  it('answers 503 TEAM_EVENT_BALANCER_UNAVAILABLE when ai-service is down, never 500', async () => {
    const down = await startTeamApp({
      AI_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
      AI_SERVICE_TIMEOUT_MS: '500',
    });
    try {
      const squad = await scheduleApi(down.app).squad(2);
      const event = await scheduleApi(down.app).eventIn(squad.captain, squad.teamId, DAY, { kind: 'pickup' });
      for (const member of squad.members)
        await scheduleApi(down.app).rsvp(member, squad.teamId, event.id, event.startsAt, 'yes');
      const res = await teamApi(down.app).call(squad.captain, 'POST', `${occurrenceUrl(squad.teamId, event)}/sides`);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('TEAM_EVENT_BALANCER_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });
});
