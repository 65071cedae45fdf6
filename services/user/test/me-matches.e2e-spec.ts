import { Topics } from '@prodvor/contracts';
import { randomUUID } from 'node:crypto';
import { getMe, homeEvents, pollMe } from './support/home-events';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

interface MyMatch {
  matchId: string;
  tournamentId: string;
  tournamentName: string | null;
  startsAt: string;
  status: string;
  home: { teamId: string; name: string | null; logo: unknown } | null;
  away: { teamId: string; name: string | null; logo: unknown } | null;
  myTeamId: string;
  mySide: string;
  venueId: string | null;
  pitch: string | null;
}

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe('GET /api/v1/me/matches from team.events.v1 and tournament.events.v1', () => {
  let t: UserTestApp;
  let events: ReturnType<typeof homeEvents>;

  beforeAll(async () => {
    t = await startUserApp();
    events = homeEvents(t.kafka);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function team(name: string, captain: TestUser, players: TestUser[] = []) {
    const teamId = randomUUID();
    await events.team('team.created', teamId, { teamId, name, format: '5x5', captainId: captain.id });
    for (const p of players) await events.team('team.member.joined', teamId, { teamId, userId: p.id, role: 'player' });
    return teamId;
  }

  async function tournament(name: string) {
    const tournamentId = randomUUID();
    await events.tournament('tournament.created', tournamentId, {
      tournamentId,
      organizerId: randomUUID(),
      name,
      visibility: 'public',
      format: 'round_robin',
    });
    return tournamentId;
  }

  async function match(tournamentId: string, homeTeamId: string, awayTeamId: string, startsAt?: string) {
    const matchId = randomUUID();
    await events.tournament('tournament.match.scheduled', tournamentId, {
      tournamentId,
      matchId,
      homeTeamId,
      awayTeamId,
      ...(startsAt ? { startsAt } : {}),
      pitch: 'Pitch 2',
    });
    return matchId;
  }

  it("lists the open, timed matches of the caller's teams with names and status, and nobody else's", async () => {
    const [hc, hp, ac, stranger] = [newUser(), newUser(), newUser(), newUser()];
    const home = await team('Home FC', hc, [hp]);
    const away = await team('Away FC', ac);
    const unknownTeam = randomUUID();
    const cup = await tournament('Winter Cup');
    const later = await match(cup, home, away, inHours(48));
    const sooner = await match(cup, unknownTeam, home, inHours(24));
    await match(cup, home, away); // no time yet: left out
    const cancelled = await tournament('Cancelled Cup');
    await match(cancelled, home, away, inHours(30));
    await events.tournament('tournament.cancelled', cancelled, { tournamentId: cancelled });
    const marker = await match(cup, away, unknownTeam, inHours(72));

    // Each team and tournament is a partition of its own, read in no order between them: wait for all.
    const mine = await pollMe<MyMatch>(
      t.app,
      'matches',
      ac.headers,
      (items) =>
        items.some((m) => m.matchId === marker) &&
        !items.some((m) => m.tournamentId === cancelled) &&
        items.find((m) => m.matchId === later)?.home?.name === 'Home FC',
    );
    expect(mine.map((m) => m.matchId)).toEqual([later, marker]);
    expect(mine[0]).toMatchObject({
      tournamentId: cup,
      tournamentName: 'Winter Cup',
      status: 'scheduled',
      home: { teamId: home, name: 'Home FC', logo: null },
      away: { teamId: away, name: 'Away FC', logo: null },
      myTeamId: away,
      mySide: 'away',
      pitch: 'Pitch 2',
    });
    const player = await pollMe<MyMatch>(t.app, 'matches', hp.headers, (items) => items.length === 2);
    expect(player.map((m) => [m.matchId, m.mySide])).toEqual([
      [sooner, 'away'],
      [later, 'home'],
    ]);
    expect(player[0].home).toEqual({ teamId: unknownTeam, name: null, logo: null });
    expect((await getMe(t.app, 'matches', stranger.headers)).items).toEqual([]);

    await events.tournament('tournament.match.rescheduled', cup, {
      tournamentId: cup,
      matchId: later,
      startsAt: inHours(12),
      previousStartsAt: mine[0].startsAt,
    });
    await pollMe<MyMatch>(t.app, 'matches', hp.headers, (items) => items[0]?.matchId === later);
    const paged = await getMe<MyMatch>(t.app, 'matches?limit=1', hp.headers);
    expect(paged.items.map((m) => m.matchId)).toEqual([later]);
    const next = await getMe<MyMatch>(t.app, `matches?limit=1&cursor=${paged.nextCursor}`, hp.headers);
    expect(next.items.map((m) => m.matchId)).toEqual([sooner]);
    expect(next.nextCursor).toBeNull();
  });

  it('follows the result: awaiting confirmation, disputed, then final (gone); an older event changes nothing', async () => {
    const [hc, ac] = [newUser(), newUser()];
    const home = await team('Reds', hc);
    const away = await team('Blues', ac);
    const cup = await tournament('Spring League');
    const matchId = await match(cup, home, away, inHours(-2));
    await pollMe<MyMatch>(t.app, 'matches', hc.headers, (items) => items.length === 1);
    const sides = { tournamentId: cup, matchId, homeTeamId: home, awayTeamId: away };
    const reported = events.envelope('tournament.match.result_reported', 'tournament', cup, {
      ...sides,
      homeScore: 2,
      awayScore: 1,
      reportedByTeamId: home,
      confirmBy: inHours(24),
    });
    await events.raw(Topics.tournamentEvents, cup, reported);
    await pollMe<MyMatch>(t.app, 'matches', ac.headers, (items) => items[0]?.status === 'awaiting_confirmation');
    await events.tournament('tournament.match.result_disputed', cup, { ...sides, disputedByTeamId: away });
    await pollMe<MyMatch>(t.app, 'matches', hc.headers, (items) => items[0]?.status === 'disputed');

    await events.tournament('tournament.match.result_confirmed', cup, {
      ...sides,
      homeScore: 2,
      awayScore: 2,
      outcome: 'draw',
    });
    await pollMe(t.app, 'matches', hc.headers, (items) => items.length === 0);
    // A report carrying an earlier time than the confirmation (a new id, so the inbox lets it through).
    await events.raw(Topics.tournamentEvents, cup, { ...reported, id: randomUUID() });
    const marker = await match(cup, home, randomUUID(), inHours(5));
    const after = await pollMe<MyMatch>(t.app, 'matches', hc.headers, (items) => items.length > 0);
    expect(after.map((m) => m.matchId)).toEqual([marker]);
  });

  it("drops a withdrawn team's open matches (forfeited) and keeps consuming after junk on the topic", async () => {
    const [hc, ac] = [newUser(), newUser()];
    const home = await team('Stayers', hc);
    const away = await team('Leavers', ac);
    const cup = await tournament('Autumn Cup');
    const otherCup = await tournament('Other Cup');
    await match(cup, home, away, inHours(20));
    await match(cup, away, home, inHours(40));
    const elsewhere = await match(otherCup, away, home, inHours(60));
    await pollMe<MyMatch>(t.app, 'matches', hc.headers, (items) => items.length === 3);

    await events.rawBytes(Topics.tournamentEvents, cup, 'not json at all');
    await events.raw(Topics.tournamentEvents, cup, { type: 'tournament.created', data: { tournamentId: cup } });
    await events.tournament('tournament.team.withdrawn', cup, { tournamentId: cup, teamId: away });
    const left = await pollMe<MyMatch>(t.app, 'matches', hc.headers, (items) => items.length === 1);
    expect(left.map((m) => m.matchId)).toEqual([elsewhere]);
    expect((await getMe<MyMatch>(t.app, 'matches', ac.headers)).items.map((m) => m.matchId)).toEqual([elsewhere]);
  });

  it('rejects bad parameters with 400 problem+json', async () => {
    const user = newUser();
    for (const [query, code] of [
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=1000', 'VALIDATION_FAILED'],
      ['cursor=not-a-cursor!', 'INVALID_CURSOR'],
      [`cursor=${Buffer.from('{"at":"yesterday"}').toString('base64url')}`, 'INVALID_CURSOR'],
      ['teamId=x', 'VALIDATION_FAILED'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/matches?${query}`, headers: user.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, query).toBe(code);
    }
  });
});
