import { randomUUID } from 'node:crypto';
import { TransactionRunner } from '../src/database/transaction-runner';
import { MatchesRepository } from '../src/matches/matches.repository';
import { RatingsRepository } from '../src/ratings/ratings.repository';
import { RatingsService } from '../src/ratings/ratings.service';
import {
  api,
  type MatchView,
  newOrganizer,
  startCup,
  startTournamentApp,
  tournamentBody,
  type TournamentTestApp,
} from './support/tournament-app';

interface RatingView {
  teamId: string;
  rating: number;
  matchesRated: number;
  rank?: number;
  recentChanges: { matchId?: string; opponentId?: string; outcome: string; delta: number; forfeit: boolean }[];
}

describe('team ratings (Elo) over HTTP', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const rating = async (teamId: string) => {
    const res = await http.call(null, 'GET', `/api/v1/teams/${teamId}/rating`);
    expect(res.statusCode).toBe(200);
    return res.json<RatingView>();
  };

  /** Sets ratings directly, as rated results in earlier tournaments would have. */
  const setRatings = (ratings: Record<string, number>) =>
    t.app.get(TransactionRunner).run(async (tx) => {
      const repo = t.app.get(RatingsRepository);
      const locked = await repo.lockTeams(tx, Object.keys(ratings));
      for (const [teamId, value] of Object.entries(ratings))
        await repo.save(tx, { ...locked.get(teamId)!, rating: value, matchesRated: 5 });
    });

  const pairs = (matches: MatchView[]) =>
    matches
      .filter((m) => m.round === 1 && m.homeTeamId && m.awayTeamId)
      .map((m) => [m.homeTeamId!, m.awayTeamId!].sort().join('|'))
      .sort();
  const pair = (a: string, b: string) => [a, b].sort().join('|');

  it('a confirmed result moves both ratings by opposite deltas, once; reopening reverts it', async () => {
    const { organizer, cup, captainOf } = await startCup(t, http, 'round_robin', 2);
    const [match] = await http.matches(cup.id);
    const home = match.homeTeamId!;
    const away = match.awayTeamId!;
    expect(await rating(home)).toEqual({ teamId: home, rating: 1500, matchesRated: 0, recentChanges: [] });

    const reported = await http.call(captainOf(home), 'POST', `/api/v1/matches/${match.id}/result`, {
      homeScore: 1,
      awayScore: 0,
    });
    expect(reported.json().status).toBe('finished');
    expect((await rating(home)).rating).toBe(1500); // not final yet
    const confirmed = await http.call(captainOf(away), 'POST', `/api/v1/matches/${match.id}/confirm`);
    expect(confirmed.json().status).toBe('confirmed');
    expect(await rating(home)).toMatchObject({ rating: 1510, matchesRated: 1, rank: 1 });
    expect(await rating(away)).toMatchObject({ rating: 1490, matchesRated: 1 });
    expect((await rating(home)).recentChanges).toEqual([
      expect.objectContaining({ matchId: match.id, opponentId: away, outcome: 'win', delta: 10, forfeit: false }),
    ]);

    // a repeated confirm is refused and a redelivered sync of the same result changes nothing
    const again = await http.call(captainOf(away), 'POST', `/api/v1/matches/${match.id}/confirm`);
    expect(again.statusCode).toBe(409);
    const row = (await t.app.get(MatchesRepository).findById(match.id))!;
    await t.app.get(TransactionRunner).run((tx) => t.app.get(RatingsService).syncMatch(tx, row));
    await t.sweep();
    expect(await rating(home)).toMatchObject({ rating: 1510, matchesRated: 1 });
    expect(await rating(away)).toMatchObject({ rating: 1490, matchesRated: 1 });

    const reopened = await http.call(organizer, 'POST', `/api/v1/matches/${match.id}/reopen`);
    expect(reopened.json().status).toBe('disputed');
    expect(await rating(home)).toMatchObject({ rating: 1500, matchesRated: 0, recentChanges: [] });
    expect(await rating(away)).toMatchObject({ rating: 1500, matchesRated: 0 });

    // resolved differently: rated anew (3 goals: ×1.75 → 17.5 → 18)
    await http.call(organizer, 'POST', `/api/v1/matches/${match.id}/resolve`, { homeScore: 0, awayScore: 3 });
    expect(await rating(home)).toMatchObject({ rating: 1482, matchesRated: 1 });
    expect(await rating(away)).toMatchObject({ rating: 1518, matchesRated: 1 });
  });

  it('a forfeit counts as a win of the other team by the recorded score', async () => {
    const { organizer, cup } = await startCup(t, http, 'round_robin', 2, { overrides: { forfeitGoals: 3 } });
    const [match] = await http.matches(cup.id);
    const res = await http.call(organizer, 'POST', `/api/v1/matches/${match.id}/forfeit`, {
      forfeitedBy: match.homeTeamId,
    });
    expect(res.json().status).toBe('forfeited');
    expect(await rating(match.homeTeamId!)).toMatchObject({ rating: 1482 });
    const away = await rating(match.awayTeamId!);
    expect(away).toMatchObject({ rating: 1518 });
    expect(away.recentChanges[0]).toMatchObject({ outcome: 'win', forfeit: true, delta: 18 });
  });

  it('counts knockout matches: one won on penalties is a draw for the rating', async () => {
    const { organizer, cup } = await startCup(t, http, 'single_elimination', 2);
    const [final] = await http.matches(cup.id);
    const res = await http.call(organizer, 'POST', `/api/v1/matches/${final.id}/result`, {
      homeScore: 1,
      awayScore: 1,
      homePenalties: 4,
      awayPenalties: 5,
    });
    expect(res.json()).toMatchObject({ status: 'confirmed', winnerTeamId: final.awayTeamId });
    const home = await rating(final.homeTeamId!);
    expect(home).toMatchObject({ rating: 1500, matchesRated: 1 });
    expect(home.recentChanges[0]).toMatchObject({ matchId: final.id, outcome: 'draw', delta: 0 });
  });

  it('counts a private tournament without naming its match on the public page', async () => {
    const { organizer, cup } = await startCup(t, http, 'round_robin', 2);
    const patched = await http.call(organizer, 'PATCH', `/api/v1/tournaments/${cup.id}`, { visibility: 'private' });
    expect(patched.json()).toMatchObject({ visibility: 'private' });
    const listed = await http.call(organizer, 'GET', `/api/v1/tournaments/${cup.id}/matches`);
    const [match] = listed.json<{ items: MatchView[] }>().items;
    await http.call(organizer, 'POST', `/api/v1/matches/${match.id}/result`, { homeScore: 2, awayScore: 0 });
    const home = await rating(match.homeTeamId!);
    expect(home).toMatchObject({ rating: 1515, matchesRated: 1 });
    expect(home.recentChanges[0]).not.toHaveProperty('matchId');
    expect(home.recentChanges[0]).not.toHaveProperty('opponentId');
  });

  it("seeding 'rating' orders a knockout by rating: the top seed meets the lowest", async () => {
    // registration order s1..s4; ratings s1 1400, s2 unrated (1500), s3 1600, s4 1450 → s3, s2, s4, s1
    const byRating = await startCup(t, http, 'single_elimination', 4, {
      overrides: { options: { seeding: 'rating' } },
    });
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${byRating.cup.id}`)).json().options).toMatchObject({
      seeding: 'rating',
    });
    // fixtures are already generated by startCup: set ratings, then run a second cup with the same teams
    const [s1, s2, s3, s4] = byRating.teams.map((x) => x.teamId);
    await setRatings({ [s1]: 1400, [s3]: 1600, [s4]: 1450 });
    const organizer = byRating.organizer;
    const cup = await http.createTournament(organizer, {
      format: 'single_elimination',
      options: { seeding: 'rating' },
    });
    await http.enter(organizer, cup.id, byRating.teams);
    expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`)).statusCode).toBe(201);
    expect(pairs(await http.matches(cup.id))).toEqual([pair(s3, s1), pair(s2, s4)].sort());

    // without it, registration order seeds: s1–s4, s2–s3
    const plain = await http.createTournament(organizer, { format: 'single_elimination' });
    await http.enter(organizer, plain.id, byRating.teams);
    await http.call(organizer, 'POST', `/api/v1/tournaments/${plain.id}/fixtures`);
    expect(pairs(await http.matches(plain.id))).toEqual([pair(s1, s4), pair(s2, s3)].sort());
  });

  it('refuses an unknown seeding method', async () => {
    const res = await http.call(
      newOrganizer(),
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ options: { seeding: 'elo' } }),
    );
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 problem+json for a team it has never heard of and 400 for a malformed id', async () => {
    const unknown = await http.call(null, 'GET', `/api/v1/teams/${randomUUID()}/rating`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().code).toBe('RATING_TEAM_NOT_FOUND');
    const malformed = await http.call(null, 'GET', '/api/v1/teams/not-a-uuid/rating');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });
});
