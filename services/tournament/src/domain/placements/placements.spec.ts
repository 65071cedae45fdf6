import { advance, type Bracket, seedBracket, withdrawFromBracket } from '../formats/bracket';
import { doubleElimination } from '../formats/double-elimination';
import { groupsAndPlayoffs, playoffEntrants } from '../formats/groups-playoffs';
import { singleElimination } from '../formats/single-elimination';
import { bracketPlacements, groupsPlayoffPlacements, type Placements, tablePlacements } from './placements';

const teams = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const seedOf = (team: string) => Number(team.slice(1));
/** The better seed wins every match. */
const favourite = (home: string, away: string) => (seedOf(home) < seedOf(away) ? home : away);

function playOut(bracket: Bracket, limit = Infinity): Bracket {
  let current = bracket;
  for (let played = 0; played < limit; played++) {
    const next = current.matches.find((m) => m.status === 'ready');
    if (!next) break;
    current = advance(current, next.id, favourite(next.homeTeamId!, next.awayTeamId!));
  }
  return current;
}

/** Rows as 'label:team:decidedBy'; teams sharing a place in team order (the bracket's order is not part of the contract). */
const summary = (p: Placements) =>
  [...p.rows]
    .sort((a, b) => a.place - b.place || a.teamId.localeCompare(b.teamId))
    .map((r) => `${r.placeLabel}:${r.teamId}:${r.decidedBy}`);

describe('tablePlacements', () => {
  const row = (teamId: string) => ({ teamId, played: 2, points: 3, goalDifference: 0, goalsFor: 2 });

  it('follows the table and is final once every match counts', () => {
    const p = tablePlacements({ rows: [row('a'), row('b'), row('c')] }, true);
    expect(summary(p)).toEqual(['1:a:table', '2:b:table', '3:c:table']);
    expect(p.final).toBe(true);
  });

  it('lets teams in an unresolved tie share their places and stays provisional', () => {
    const p = tablePlacements({ rows: [row('a'), row('b'), row('c'), row('d')], ties: [['b', 'c']] }, true);
    expect(summary(p)).toEqual(['1:a:table', '2–3:b:table', '2–3:c:table', '4:d:table']);
    expect(p.final).toBe(false);
  });
});

describe('bracketPlacements — single elimination', () => {
  it('places final, third-place match and the quarter-final losers', () => {
    const p = bracketPlacements(playOut(singleElimination(teams(8), { thirdPlace: true })));
    expect(summary(p)).toEqual([
      '1:s1:final',
      '2:s2:final',
      '3:s3:third_place',
      '4:s4:third_place',
      ...['s5', 's6', 's7', 's8'].map((t) => `5–8:${t}:round_lost`),
    ]);
    expect(p.final).toBe(true);
  });

  it('shares 3–4 without a third-place match and counts only real losers after byes', () => {
    const p = bracketPlacements(playOut(singleElimination(teams(6))));
    expect(summary(p)).toEqual([
      '1:s1:final',
      '2:s2:final',
      '3–4:s3:round_lost',
      '3–4:s4:round_lost',
      '5–6:s5:round_lost',
      '5–6:s6:round_lost',
    ]);
    expect(p.rows.map((r) => r.place)).toEqual([1, 2, 3, 3, 5, 5]);
  });

  it('with three teams the third-place match is a walkover: the semi-final loser is third, nobody fourth', () => {
    const p = bracketPlacements(playOut(singleElimination(teams(3), { thirdPlace: true })));
    expect(summary(p)).toEqual(['1:s1:final', '2:s2:final', '3:s3:third_place']);
    expect(p.final).toBe(true);
  });

  it('places a team that withdrew (its match forfeited) by the round it lost', () => {
    const withdrawn = withdrawFromBracket(singleElimination(teams(4)), 's1');
    const p = bracketPlacements(playOut(withdrawn));
    expect(p.rows.find((r) => r.teamId === 's1')).toMatchObject({ placeLabel: '3–4', decidedBy: 'round_lost' });
    expect(p.rows[0]).toMatchObject({ place: 1, teamId: 's2' });
    expect(p.final).toBe(true);
  });

  it('is provisional while matches are left: only eliminated teams are placed', () => {
    const p = bracketPlacements(playOut(singleElimination(teams(8)), 2));
    expect(p.final).toBe(false);
    expect(p.rows.map((r) => [r.placeLabel, r.decidedBy])).toEqual([
      ['5–8', 'round_lost'],
      ['5–8', 'round_lost'],
    ]);
  });
});

describe('bracketPlacements — double elimination', () => {
  it('places champion, runner-up, then by the losers-bracket round lost', () => {
    const p = bracketPlacements(playOut(doubleElimination(teams(4))));
    expect(summary(p)).toEqual(['1:s1:final', '2:s2:final', '3:s3:round_lost', '4:s4:round_lost']);
    expect(p.final).toBe(true);
  });

  it('waits for a grand-final reset before naming the champion', () => {
    let bracket = playOut(doubleElimination(teams(4)), 5);
    const gf = bracket.matches.find((m) => m.stage === 'grand_final')!;
    bracket = advance(bracket, 'GF', gf.awayTeamId!);
    const p = bracketPlacements(bracket);
    expect(p.final).toBe(false);
    expect(p.rows.map((r) => r.place)).toEqual([3, 4]);
  });

  it('places a team that withdrew after everyone knocked out in the losers bracket', () => {
    const p = bracketPlacements(playOut(withdrawFromBracket(doubleElimination(teams(4)), 's4')));
    expect(summary(p)).toEqual(['1:s1:final', '2:s2:final', '3:s3:round_lost', '4:s4:round_lost']);
    expect(p.final).toBe(true);
  });

  it('shares a range among the losers of one losers-bracket round, byes excluded', () => {
    const p = bracketPlacements(playOut(doubleElimination(teams(6))));
    expect(p.rows.map((r) => r.placeLabel)).toEqual(['1', '2', '3', '4', '5–6', '5–6']);
  });
});

describe('groupsPlayoffPlacements', () => {
  const format = groupsAndPlayoffs(teams(8), { groupCount: 2, advancePerGroup: 2, seeding: { method: 'snake' } });
  // Group A: s1 s4 s5 s8, group B: s2 s3 s6 s7 (snake); better seeds finish higher.
  const tableRow = (teamId: string, points: number, goalDifference: number) => ({
    teamId,
    played: 3,
    points,
    goalDifference,
    goalsFor: 5,
  });
  const groups = [
    { rows: [tableRow('s1', 9, 6), tableRow('s4', 6, 2), tableRow('s5', 3, -2), tableRow('s8', 0, -6)] },
    { rows: [tableRow('s2', 9, 5), tableRow('s3', 6, 1), tableRow('s6', 3, -1), tableRow('s7', 0, -5)] },
  ];

  it('places the playoff first, then the group stage by position, points and goal difference per match', () => {
    const seeded = seedBracket(format.playoff, playoffEntrants(format.playoff, { A: ['s1', 's4'], B: ['s2', 's3'] }));
    const p = groupsPlayoffPlacements(playOut(seeded), groups, 2, true);
    expect(summary(p)).toEqual([
      '1:s1:final',
      '2:s2:final',
      '3–4:s3:round_lost',
      '3–4:s4:round_lost',
      '5:s6:group_stage',
      '6:s5:group_stage',
      '7:s7:group_stage',
      '8:s8:group_stage',
    ]);
    expect(p.final).toBe(true);
  });

  it('before the playoff is seeded: the current tables stand in, provisional', () => {
    const p = groupsPlayoffPlacements(format.playoff, groups, 2, false);
    expect(p.final).toBe(false);
    expect(p.rows.map((r) => [r.place, r.teamId])).toEqual([
      [5, 's6'],
      [6, 's5'],
      [7, 's7'],
      [8, 's8'],
    ]);
  });
});
