import {
  api,
  newOrganizer,
  newUser,
  startCup,
  startTournamentApp,
  type TournamentTestApp,
} from './support/tournament-app';

interface PlacementsBody {
  final: boolean;
  rows: { place: number; placeLabel: string; teamId: string; teamName: string; decidedBy: string }[];
}

describe('placements over HTTP', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const placements = async (tournamentId: string) => {
    const res = await http.call(null, 'GET', `/api/v1/tournaments/${tournamentId}/placements`);
    expect(res.statusCode).toBe(200);
    return res.json<PlacementsBody>();
  };

  it('single elimination: provisional while the knockout runs, final with a forfeited third-place match', async () => {
    const { organizer, cup, seed, win, scheduled } = await startCup(t, http, 'single_elimination', 4, {
      overrides: { options: { thirdPlace: true } },
    });
    expect(await placements(cup.id)).toEqual({
      tournamentId: cup.id,
      format: 'single_elimination',
      final: false,
      rows: [],
    });

    for (const m of await scheduled()) await win(m, m.homeTeamId!);
    const semis = await placements(cup.id);
    expect(semis).toMatchObject({ final: false, rows: [] });

    const left = await scheduled();
    const finalMatch = left.find((m) => m.stage === 'knockout')!;
    const thirdMatch = left.find((m) => m.stage === 'third_place')!;
    const forfeited = await http.call(organizer, 'POST', `/api/v1/matches/${thirdMatch.id}/forfeit`, {
      forfeitedBy: thirdMatch.homeTeamId,
    });
    expect(forfeited.statusCode).toBe(200);
    await win(finalMatch, finalMatch.awayTeamId!);

    const done = await placements(cup.id);
    expect(done.final).toBe(true);
    expect(done.rows.map((r) => [r.placeLabel, r.teamId, r.decidedBy])).toEqual([
      ['1', finalMatch.awayTeamId, 'final'],
      ['2', finalMatch.homeTeamId, 'final'],
      ['3', thirdMatch.awayTeamId, 'third_place'],
      ['4', thirdMatch.homeTeamId, 'third_place'],
    ]);
    expect(done.rows[0].teamName).toMatch(/^Seed \d$/);
    expect([seed(1), seed(2), seed(3), seed(4)]).toEqual(expect.arrayContaining(done.rows.map((r) => r.teamId)));
  });

  it('round robin: the table order, final once every match counts', async () => {
    const { cup, seed, win, scheduled } = await startCup(t, http, 'round_robin', 3);
    const before = await placements(cup.id);
    expect(before.final).toBe(false);
    for (const m of await scheduled()) {
      const better = [m.homeTeamId!, m.awayTeamId!].sort(
        (a, b) => [seed(1), seed(2), seed(3)].indexOf(a) - [seed(1), seed(2), seed(3)].indexOf(b),
      )[0];
      await win(m, better);
    }
    const done = await placements(cup.id);
    expect(done.final).toBe(true);
    expect(done.rows.map((r) => [r.place, r.teamId, r.decidedBy])).toEqual([
      [1, seed(1), 'table'],
      [2, seed(2), 'table'],
      [3, seed(3), 'table'],
    ]);
  });

  it('hides a private tournament from a stranger and refuses a malformed id', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { visibility: 'private' });
    const stranger = await http.call(newUser(), 'GET', `/api/v1/tournaments/${cup.id}/placements`);
    expect(stranger.statusCode).toBe(404);
    const anonymous = await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/placements`);
    expect(anonymous.statusCode).toBe(404);
    const own = await http.call(organizer, 'GET', `/api/v1/tournaments/${cup.id}/placements`);
    expect(own.statusCode).toBe(200);
    const bad = await http.call(null, 'GET', '/api/v1/tournaments/not-a-uuid/placements');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});
