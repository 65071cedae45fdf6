import {
  api,
  newOrganizer,
  newUser,
  startCup,
  startTournamentApp,
  type TournamentTestApp,
} from './support/tournament-app';

describe('knockout, groups + playoffs and Swiss over HTTP', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const start = (format: string, teamCount: number, overrides: Record<string, unknown> = {}) =>
    startCup(t, http, format, teamCount, { overrides });

  const byKey = async (tournamentId: string) =>
    new Map((await http.matches(tournamentId)).map((m) => [m.fixtureKey, m]));

  it('single elimination: top seeds get the byes, winners advance, a reopened result clears what followed', async () => {
    const { organizer, cup, seed, win } = await start('single_elimination', 6, { options: { thirdPlace: true } });
    const bracket = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/bracket`)).json();
    expect(bracket.kind).toBe('single_elimination');
    expect(bracket.matches.filter((m: { status: string }) => m.status === 'walkover')).toHaveLength(2);
    let matches = await http.matches(cup.id);
    const firstRound = matches.filter((m) => m.status === 'scheduled');
    expect(firstRound).toHaveLength(2);
    expect(firstRound.flatMap((m) => [m.homeTeamId, m.awayTeamId])).not.toContain(seed(1));
    expect(firstRound.flatMap((m) => [m.homeTeamId, m.awayTeamId])).not.toContain(seed(2));

    for (const m of firstRound) await win(m, m.homeTeamId!);
    matches = await http.matches(cup.id);
    const semis = matches.filter((m) => m.status === 'scheduled');
    expect(semis).toHaveLength(2);
    expect(semis.flatMap((m) => [m.homeTeamId, m.awayTeamId])).toEqual(expect.arrayContaining([seed(1), seed(2)]));

    const level = await http.call(organizer, 'POST', `/api/v1/matches/${semis[0].id}/result`, {
      homeScore: 2,
      awayScore: 2,
    });
    expect(level.json().code).toBe('MATCH_WINNER_REQUIRED');
    const onPenalties = await http.call(organizer, 'POST', `/api/v1/matches/${semis[0].id}/result`, {
      homeScore: 2,
      awayScore: 2,
      winnerTeamId: semis[0].awayTeamId,
    });
    expect(onPenalties.json()).toMatchObject({ status: 'confirmed', winnerTeamId: semis[0].awayTeamId });
    await win(semis[1], semis[1].homeTeamId!);
    const final = (await http.matches(cup.id)).find(
      (m) => m.stage === 'knockout' && m.status === 'scheduled' && m.round === 3,
    )!;
    expect([final.homeTeamId, final.awayTeamId].sort()).toEqual([semis[0].awayTeamId, semis[1].homeTeamId].sort());
    const third = (await http.matches(cup.id)).find((m) => m.stage === 'third_place')!;
    expect([third.homeTeamId, third.awayTeamId].sort()).toEqual([semis[0].homeTeamId, semis[1].awayTeamId].sort());

    const reopened = await http.call(organizer, 'POST', `/api/v1/matches/${semis[0].id}/reopen`);
    expect(reopened.json().status).toBe('disputed');
    const afterReopen = (await http.call(null, 'GET', `/api/v1/matches/${final.id}`)).json();
    expect(afterReopen.status).toBe('pending');
    expect([afterReopen.homeTeamId, afterReopen.awayTeamId]).toContain(null);
    await http.call(organizer, 'POST', `/api/v1/matches/${semis[0].id}/resolve`, { homeScore: 1, awayScore: 0 });
    const refilled = (await http.call(null, 'GET', `/api/v1/matches/${final.id}`)).json();
    expect([refilled.homeTeamId, refilled.awayTeamId]).toContain(semis[0].homeTeamId);

    await win(refilled, refilled.homeTeamId);
    await win(third, third.homeTeamId!);
    const done = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/bracket`)).json();
    expect(done.championId).toBe(refilled.homeTeamId);
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}`)).json().status).toBe('finished');
  });

  it('double elimination: the losers-bracket champion winning the grand final forces the reset', async () => {
    const { cup, win } = await start('double_elimination', 4);
    // Play every ready match: the higher seed (lower team index) wins, except in the grand final.
    for (let guard = 0; guard < 10; guard++) {
      const ready = (await http.matches(cup.id)).filter((m) => m.status === 'scheduled');
      if (ready.length === 0) break;
      for (const m of ready) {
        const winner = m.stage === 'grand_final' ? m.awayTeamId! : [m.homeTeamId!, m.awayTeamId!].sort()[0];
        await win(m, winner);
      }
    }
    const keys = await byKey(cup.id);
    const stages = [...keys.values()].map((m) => m.stage);
    expect(stages).toContain('grand_final_reset');
    const reset = [...keys.values()].find((m) => m.stage === 'grand_final_reset')!;
    expect(reset.status).toBe('confirmed');
    const bracket = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/bracket`)).json();
    expect(bracket.championId).toBe(
      reset.winnerTeamId ?? (reset.homeScore! > reset.awayScore! ? reset.homeTeamId : reset.awayTeamId),
    );
    expect([...keys.values()].filter((m) => m.status === 'confirmed')).toHaveLength(7);
    const placements = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/placements`)).json();
    expect(placements.final).toBe(true);
    expect(placements.rows.map((r: { placeLabel: string }) => r.placeLabel)).toEqual(['1', '2', '3', '4']);
    expect(placements.rows[0]).toMatchObject({ teamId: bracket.championId, decidedBy: 'final' });
    expect(placements.rows.slice(2).map((r: { decidedBy: string }) => r.decidedBy)).toEqual([
      'round_lost',
      'round_lost',
    ]);
  });

  it('groups + playoffs: group winners cross into the playoff; a dead heat waits for the drawing of lots', async () => {
    const { organizer, cup, win } = await start('groups_playoffs', 8, {
      options: { groupCount: 2, advancePerGroup: 2 },
      minTeams: 8,
    });
    const matches = await http.matches(cup.id);
    const group = (name: string) => matches.filter((m) => m.group === name);
    expect(group('A')).toHaveLength(6);
    expect(group('B')).toHaveLength(6);
    const playoff = matches.filter((m) => m.stage === 'knockout');
    expect(playoff.every((m) => m.status === 'pending')).toBe(true);

    // Group A: decided by results. Group B: every match drawn 0–0, a perfect tie that needs lots.
    const teamsA = [...new Set(group('A').flatMap((m) => [m.homeTeamId!, m.awayTeamId!]))].sort();
    for (const m of group('A'))
      await win(m, teamsA.indexOf(m.homeTeamId!) < teamsA.indexOf(m.awayTeamId!) ? m.homeTeamId! : m.awayTeamId!);
    for (const m of group('B'))
      await http.call(organizer, 'POST', `/api/v1/matches/${m.id}/result`, { homeScore: 0, awayScore: 0 });

    const standings = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`)).json();
    expect(standings.groups.map((g: { group: string }) => g.group)).toEqual(['A', 'B']);
    expect(standings.groups[0].rows.map((r: { teamId: string }) => r.teamId)).toEqual(teamsA);
    expect(standings.groups[1].unresolvedTies).toHaveLength(1);
    type Row = { teamId: string; tieBreak?: { levelWith: string[]; explanation: string } };
    // Each row says why it stands there: no tie in group A; group B waits for the organizer's lots.
    expect(standings.groups[0].rows.filter((r: Row) => r.tieBreak)).toEqual([]);
    for (const row of standings.groups[1].rows as Row[]) {
      expect(row.tieBreak!.levelWith).toHaveLength(3);
      expect(row.tieBreak!.explanation).toMatch(
        /^Level on every criterion with .+, .+ and .+: the organizer draws lots\.$/,
      );
    }
    expect(
      (await http.matches(cup.id)).filter((m) => m.stage === 'knockout').every((m) => m.status === 'pending'),
    ).toBe(true);

    expect(
      (await http.call(newOrganizer(), 'POST', `/api/v1/tournaments/${cup.id}/lots`, { group: 'B' })).statusCode,
    ).toBe(403);
    const noTie = await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/lots`, { group: 'A' });
    expect(noTie.statusCode).toBe(422);
    expect(noTie.json().code).toBe('STANDINGS_NO_TIE_FOR_LOTS');
    const drawn = await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/lots`, { group: 'B' });
    expect(drawn.statusCode).toBe(200);
    const redraw = await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/lots`, { group: 'B' });
    expect(redraw.statusCode).toBe(409);
    expect(redraw.json().code).toBe('STANDINGS_LOTS_ALREADY_DRAWN');
    const orderB = drawn.json().groups[1].rows.map((r: { teamId: string }) => r.teamId);
    expect(drawn.json().groups[1].unresolvedTies).toEqual([]);
    expect((drawn.json().groups[1].rows as Row[]).map((r) => r.tieBreak!.explanation.replace(/^.*; /, ''))).toEqual([
      'placed 1 of 4 by drawing of lots.',
      'placed 2 of 4 by drawing of lots.',
      'placed 3 of 4 by drawing of lots.',
      'placed 4 of 4 by drawing of lots.',
    ]);
    const again = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`)).json();
    expect(again.groups[1].rows.map((r: { teamId: string }) => r.teamId)).toEqual(orderB);

    const semis = (await http.matches(cup.id)).filter((m) => m.stage === 'knockout' && m.status === 'scheduled');
    const pairs = semis.map((m) => [m.homeTeamId, m.awayTeamId].sort().join('|')).sort();
    expect(pairs).toEqual([[teamsA[0], orderB[1]].sort().join('|'), [orderB[0], teamsA[1]].sort().join('|')].sort());

    // Placements while the playoff runs: only the teams out in the groups, ranked across groups by position,
    // then points and goal difference per match (B's third, level 0–0 everywhere, is ahead of A's third at −1).
    const placements = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/placements`)).json();
    expect(placements.final).toBe(false);
    expect(
      placements.rows.map((r: { place: number; teamId: string; decidedBy: string }) => [r.place, r.teamId]),
    ).toEqual([
      [5, orderB[2]],
      [6, teamsA[2]],
      [7, orderB[3]],
      [8, teamsA[3]],
    ]);
  });

  it('Swiss: pairs round by round by score, never a rematch, and refuses a round too early', async () => {
    const { organizer, cup, win } = await start('swiss', 6, { options: { swissRounds: 3 }, minTeams: 6 });
    const played = new Set<string>();
    for (let round = 1; round <= 3; round++) {
      const current = (await http.matches(cup.id)).filter((m) => m.round === round);
      expect(current).toHaveLength(3);
      for (const m of current) {
        const pair = [m.homeTeamId, m.awayTeamId].sort().join('|');
        expect(played.has(pair)).toBe(false);
        played.add(pair);
      }
      if (round < 3) {
        expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/rounds`)).json().code).toBe(
          'FIXTURES_ROUND_NOT_FINISHED',
        );
      }
      for (const m of current) await win(m, [m.homeTeamId!, m.awayTeamId!].sort()[0]);
      if (round < 3)
        expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/rounds`)).statusCode).toBe(201);
    }
    expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/rounds`)).json().code).toBe(
      'FIXTURES_NO_ROUNDS_LEFT',
    );
    const table = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`)).json().groups[0].rows;
    expect(table[0]).toMatchObject({ score: 3, played: 3 });
    const placements = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/placements`)).json();
    expect(placements).toMatchObject({ format: 'swiss', final: true });
    expect(placements.rows.map((r: { teamId: string }) => r.teamId)).toEqual(
      table.map((r: { teamId: string }) => r.teamId),
    );
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}`)).json().status).toBe('finished');
  });

  it('refuses fixtures with too few teams and a second generation', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { minTeams: 4 });
    const captain = newUser();
    await http.enter(organizer, cup.id, [{ captain, teamId: await t.seedTeam(captain) }]);
    expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`)).json().code).toBe(
      'FIXTURES_TOO_FEW_TEAMS',
    );
    expect((await http.call(captain, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`)).statusCode).toBe(403);
  });
});
