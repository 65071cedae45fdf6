import { type CardRecord } from './fair-play';
import {
  AMATEUR_DEFAULT,
  FIFA_WORLD_CUP_2018,
  FIFA_WORLD_CUP_2022,
  UEFA_GROUP_STAGE,
  UEFA_GROUP_STAGE_AWAY_GOALS,
} from './presets';
import { computeStandings, type StandingsRules } from './standings';
import { type MatchResult } from './table';

let counter = 0;
/** `m('ESP', 3, 3, 'POR')` — a result in the order it was played. */
function m(home: string, homeGoals: number, awayGoals: number, away: string): MatchResult {
  counter++;
  return { matchId: `m${counter}`, homeTeamId: home, awayTeamId: away, homeGoals, awayGoals };
}
const teamsOf = (results: MatchResult[]) => [...new Set(results.flatMap((r) => [r.homeTeamId, r.awayTeamId]))].sort();
const order = (results: MatchResult[], rules: StandingsRules, cards: CardRecord[] = []) =>
  computeStandings({ teamIds: teamsOf(results), results, cards }, rules).rows.map((r) => r.teamId);

describe('real published group tables', () => {
  it('FIFA World Cup 2018 group H: Japan above Senegal on fair play', () => {
    const results = [
      m('COL', 1, 2, 'JPN'),
      m('POL', 1, 2, 'SEN'),
      m('JPN', 2, 2, 'SEN'),
      m('POL', 0, 3, 'COL'),
      m('JPN', 0, 1, 'POL'),
      m('SEN', 0, 1, 'COL'),
    ];
    // Published fair-play totals: Japan −4 (four yellows), Senegal −6 (six yellows). The criterion only
    // uses the totals, so the cautions are attached to one match per team with placeholder players.
    const yellows = (teamId: string, n: number, matchId: string): CardRecord[] =>
      Array.from({ length: n }, (_, i) => ({ matchId, teamId, playerId: `${teamId}-${i}`, card: 'yellow' }));
    const cards = [...yellows('JPN', 4, results[2].matchId), ...yellows('SEN', 6, results[2].matchId)];
    const standings = computeStandings({ teamIds: teamsOf(results), results, cards }, FIFA_WORLD_CUP_2018);
    expect(standings.rows.map((r) => r.teamId)).toEqual(['COL', 'JPN', 'SEN', 'POL']);
    expect(standings.rows.map((r) => [r.points, r.goalsFor, r.goalsAgainst, r.fairPlay])).toEqual([
      [6, 5, 2, 0],
      [4, 4, 4, -4],
      [4, 4, 4, -6],
      [3, 2, 5, 0],
    ]);
    expect(standings.unresolvedTies).toEqual([]);
    // Without the cards nothing separates them: the organizer would have to draw lots.
    expect(computeStandings({ teamIds: teamsOf(results), results }, FIFA_WORLD_CUP_2018).unresolvedTies).toEqual([
      ['JPN', 'SEN'],
    ]);
  });

  it('FIFA World Cup 2018 group B: Spain above Portugal on goals scored', () => {
    const results = [
      m('MAR', 0, 1, 'IRN'),
      m('POR', 3, 3, 'ESP'),
      m('POR', 1, 0, 'MAR'),
      m('IRN', 0, 1, 'ESP'),
      m('IRN', 1, 1, 'POR'),
      m('ESP', 2, 2, 'MAR'),
    ];
    expect(order(results, FIFA_WORLD_CUP_2018)).toEqual(['ESP', 'POR', 'IRN', 'MAR']);
  });

  it('FIFA World Cup 2022 group E: Spain above Germany on goal difference', () => {
    const results = [
      m('GER', 1, 2, 'JPN'),
      m('ESP', 7, 0, 'CRC'),
      m('JPN', 0, 1, 'CRC'),
      m('ESP', 1, 1, 'GER'),
      m('JPN', 2, 1, 'ESP'),
      m('CRC', 2, 4, 'GER'),
    ];
    expect(order(results, FIFA_WORLD_CUP_2022)).toEqual(['JPN', 'ESP', 'GER', 'CRC']);
  });

  it('FIFA World Cup 2022 group H: South Korea above Uruguay on goals scored', () => {
    const results = [
      m('URU', 0, 0, 'KOR'),
      m('POR', 3, 2, 'GHA'),
      m('KOR', 2, 3, 'GHA'),
      m('POR', 2, 0, 'URU'),
      m('GHA', 0, 2, 'URU'),
      m('KOR', 2, 1, 'POR'),
    ];
    expect(order(results, FIFA_WORLD_CUP_2022)).toEqual(['POR', 'KOR', 'URU', 'GHA']);
  });

  it('UEFA EURO 2020 group F: Germany above Portugal on head-to-head despite fewer goals', () => {
    const results = [
      m('HUN', 0, 3, 'POR'),
      m('FRA', 1, 0, 'GER'),
      m('HUN', 1, 1, 'FRA'),
      m('POR', 2, 4, 'GER'),
      m('POR', 2, 2, 'FRA'),
      m('GER', 2, 2, 'HUN'),
    ];
    expect(order(results, UEFA_GROUP_STAGE)).toEqual(['FRA', 'GER', 'POR', 'HUN']);
    // The same results under World Cup rules put Portugal (7 goals) above Germany (6).
    expect(order(results, FIFA_WORLD_CUP_2018)).toEqual(['FRA', 'POR', 'GER', 'HUN']);
  });

  it('UEFA EURO 2020 group B: three teams on 3 points separated by the head-to-head mini-league', () => {
    const results = [
      m('DEN', 0, 1, 'FIN'),
      m('BEL', 3, 0, 'RUS'),
      m('FIN', 0, 1, 'RUS'),
      m('DEN', 1, 2, 'BEL'),
      m('RUS', 1, 4, 'DEN'),
      m('FIN', 0, 2, 'BEL'),
    ];
    const standings = computeStandings({ teamIds: teamsOf(results), results }, UEFA_GROUP_STAGE);
    expect(standings.rows.map((r) => [r.teamId, r.points, r.goalDifference])).toEqual([
      ['BEL', 9, 6],
      ['DEN', 3, 1],
      ['FIN', 3, -2],
      ['RUS', 3, -5],
    ]);
  });

  it('UEFA Champions League 2018/19 group C: Liverpool above Napoli once head-to-head (incl. away goals) is level', () => {
    const results = [
      m('LIV', 3, 2, 'PSG'),
      m('CRV', 0, 0, 'NAP'),
      m('NAP', 1, 0, 'LIV'),
      m('PSG', 6, 1, 'CRV'),
      m('LIV', 4, 0, 'CRV'),
      m('PSG', 2, 2, 'NAP'),
      m('CRV', 2, 0, 'LIV'),
      m('NAP', 1, 1, 'PSG'),
      m('PSG', 2, 1, 'LIV'),
      m('NAP', 3, 1, 'CRV'),
      m('LIV', 1, 0, 'NAP'),
      m('CRV', 1, 4, 'PSG'),
    ];
    const standings = computeStandings({ teamIds: teamsOf(results), results }, UEFA_GROUP_STAGE_AWAY_GOALS);
    expect(standings.rows.map((r) => [r.teamId, r.points, r.goalsFor, r.goalsAgainst])).toEqual([
      ['PSG', 11, 17, 9],
      ['LIV', 9, 9, 7],
      ['NAP', 9, 7, 5],
      ['CRV', 4, 5, 17],
    ]);
  });

  it('UEFA EURO 2004 group C: Sweden, Denmark, Italy all on 5 points, decided by head-to-head goals', () => {
    const results = [
      m('DEN', 0, 0, 'ITA'),
      m('SWE', 5, 0, 'BUL'),
      m('BUL', 0, 2, 'DEN'),
      m('ITA', 1, 1, 'SWE'),
      m('ITA', 2, 1, 'BUL'),
      m('DEN', 2, 2, 'SWE'),
    ];
    expect(order(results, UEFA_GROUP_STAGE)).toEqual(['SWE', 'DEN', 'ITA', 'BUL']);
  });
});

describe('tie-breaker mechanics', () => {
  // Synthetic: A, B, C level on 4 points. Mini-league of the three: A 6 pts, B and C 1 each (B–C drew 1–1).
  // Re-applied to B and C alone, the mini-league stays level, so the overall goal difference decides.
  const threeWay = () => [
    m('A', 1, 0, 'B'),
    m('A', 2, 0, 'C'),
    m('B', 1, 1, 'C'),
    m('B', 5, 0, 'D'),
    m('C', 1, 0, 'D'),
    m('D', 1, 0, 'A'),
  ];

  it('re-applies head-to-head to the teams still level, then falls through to the overall record', () => {
    expect(order(threeWay(), UEFA_GROUP_STAGE)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('reports a tie nothing separates, and uses recorded lots once drawn', () => {
    const results = [m('X', 1, 1, 'Y'), m('Y', 1, 1, 'Z'), m('Z', 1, 1, 'X')];
    const teamIds = ['X', 'Y', 'Z'];
    const open = computeStandings({ teamIds, results }, AMATEUR_DEFAULT);
    expect(open.unresolvedTies).toEqual([['X', 'Y', 'Z']]);
    const drawn = computeStandings({ teamIds, results, lots: { order: ['Z', 'Y', 'X'] } }, AMATEUR_DEFAULT);
    expect(drawn.unresolvedTies).toEqual([]);
    expect(drawn.rows.map((r) => r.teamId)).toEqual(['Z', 'Y', 'X']);
    const seeded = (seed: number) =>
      computeStandings({ teamIds, results, lots: { seed } }, AMATEUR_DEFAULT).rows.map((r) => r.teamId);
    expect(seeded(7)).toEqual(seeded(7));
    expect([...seeded(7)].sort()).toEqual(teamIds);
    expect(computeStandings({ teamIds, results, lots: { seed: 7 } }, AMATEUR_DEFAULT).unresolvedTies).toEqual([]);
  });

  it('counts form (last five, oldest first), forfeits and custom points', () => {
    const results = [
      m('A', 1, 0, 'B'),
      m('A', 0, 0, 'B'),
      m('B', 2, 0, 'A'),
      m('A', 3, 0, 'B'),
      m('B', 1, 1, 'A'),
      { ...m('A', 3, 0, 'B'), forfeitedBy: 'B' },
    ];
    const rules: StandingsRules = { ...AMATEUR_DEFAULT, points: { win: 2, draw: 1, loss: 0, forfeit: -1 } };
    const { rows } = computeStandings({ teamIds: ['A', 'B'], results }, rules);
    expect(rows[0]).toMatchObject({
      teamId: 'A',
      played: 6,
      won: 3,
      drawn: 2,
      lost: 1,
      points: 8,
      form: ['D', 'L', 'W', 'D', 'W'],
    });
    expect(rows[1]).toMatchObject({ teamId: 'B', won: 1, lost: 3, points: 3, goalsFor: 3, goalsAgainst: 8 });
  });
});

describe('tie-break steps: how each tie on points was broken', () => {
  it('EURO 2020 group F: Germany and Portugal level on 4 points, Germany ahead on head-to-head points 3–0', () => {
    const results = [
      m('HUN', 0, 3, 'POR'),
      m('FRA', 1, 0, 'GER'),
      m('HUN', 1, 1, 'FRA'),
      m('POR', 2, 4, 'GER'),
      m('POR', 2, 2, 'FRA'),
      m('GER', 2, 2, 'HUN'),
    ];
    const { tieBreaks } = computeStandings({ teamIds: teamsOf(results), results }, UEFA_GROUP_STAGE);
    expect(tieBreaks).toEqual([
      {
        criterion: 'head_to_head_points',
        values: [
          { teamId: 'GER', value: 3 },
          { teamId: 'POR', value: 0 },
        ],
      },
    ]);
  });

  it('EURO 2004 group C: three teams on 5 points, level in the mini-league until head-to-head goals', () => {
    const results = [
      m('DEN', 0, 0, 'ITA'),
      m('SWE', 5, 0, 'BUL'),
      m('BUL', 0, 2, 'DEN'),
      m('ITA', 1, 1, 'SWE'),
      m('ITA', 2, 1, 'BUL'),
      m('DEN', 2, 2, 'SWE'),
    ];
    const { tieBreaks } = computeStandings({ teamIds: teamsOf(results), results }, UEFA_GROUP_STAGE);
    expect(tieBreaks.map((step) => [step.criterion, step.values.map((v) => `${v.teamId}:${v.value}`)])).toEqual([
      ['head_to_head_goals', ['DEN:2', 'ITA:1', 'SWE:3']],
    ]);
  });

  it('records the overall goal difference when the head-to-head criteria leave two teams level', () => {
    const results = [
      m('A', 1, 0, 'B'),
      m('A', 2, 0, 'C'),
      m('B', 1, 1, 'C'),
      m('B', 5, 0, 'D'),
      m('C', 1, 0, 'D'),
      m('D', 1, 0, 'A'),
    ];
    const { tieBreaks } = computeStandings({ teamIds: teamsOf(results), results }, UEFA_GROUP_STAGE);
    expect(tieBreaks.map((step) => [step.criterion, step.values.map((v) => `${v.teamId}:${v.value}`)])).toEqual([
      ['goal_difference', ['B:4', 'C:-1']],
    ]);
  });

  it('records drawn lots as positions, and nothing for a tie still waiting for them', () => {
    const results = [m('X', 1, 1, 'Y'), m('Y', 1, 1, 'Z'), m('Z', 1, 1, 'X')];
    const teamIds = ['X', 'Y', 'Z'];
    expect(computeStandings({ teamIds, results }, AMATEUR_DEFAULT).tieBreaks).toEqual([]);
    const drawn = computeStandings({ teamIds, results, lots: { order: ['Z', 'Y', 'X'] } }, AMATEUR_DEFAULT);
    expect(drawn.tieBreaks).toEqual([
      {
        criterion: 'drawing_of_lots',
        values: [
          { teamId: 'Z', value: 1 },
          { teamId: 'Y', value: 2 },
          { teamId: 'X', value: 3 },
        ],
      },
    ]);
  });

  it('records nothing when points alone order the table', () => {
    const results = [m('A', 1, 0, 'B'), m('B', 1, 0, 'C'), m('A', 1, 0, 'C')];
    expect(computeStandings({ teamIds: teamsOf(results), results }, UEFA_GROUP_STAGE).tieBreaks).toEqual([]);
  });
});
