import { assertDistinctTeams, type Bye, type Fixture, FormatError } from './fixture';

export interface SwissGame {
  homeTeamId: string;
  awayTeamId: string;
  homeGoals: number;
  awayGoals: number;
}

export interface SwissPoints {
  win: number;
  draw: number;
  loss: number;
  bye: number;
}

export const SWISS_POINTS: SwissPoints = { win: 1, draw: 0.5, loss: 0, bye: 1 };

export interface SwissRow {
  teamId: string;
  score: number;
  /** Sum of the opponents' scores (byes add nothing). */
  buchholz: number;
  opponents: string[];
  hadBye: boolean;
  homeGames: number;
}

/**
 * Swiss table, best first: score, then Buchholz, then the initial seed order (the order of `teamIds`).
 */
export function swissStandings(
  teamIds: readonly string[],
  games: readonly SwissGame[],
  byes: readonly Pick<Bye, 'teamId'>[],
  points: SwissPoints = SWISS_POINTS,
): SwissRow[] {
  const rows = new Map<string, SwissRow>(
    teamIds.map((teamId) => [teamId, { teamId, score: 0, buchholz: 0, opponents: [], hadBye: false, homeGames: 0 }]),
  );
  for (const g of games) {
    const home = rows.get(g.homeTeamId)!;
    const away = rows.get(g.awayTeamId)!;
    home.opponents.push(away.teamId);
    away.opponents.push(home.teamId);
    home.homeGames++;
    const outcome = Math.sign(g.homeGoals - g.awayGoals);
    home.score += outcome > 0 ? points.win : outcome === 0 ? points.draw : points.loss;
    away.score += outcome < 0 ? points.win : outcome === 0 ? points.draw : points.loss;
  }
  for (const b of byes) {
    const row = rows.get(b.teamId)!;
    row.hadBye = true;
    row.score += points.bye;
  }
  for (const row of rows.values()) row.buchholz = row.opponents.reduce((sum, o) => sum + rows.get(o)!.score, 0);
  const seed = new Map(teamIds.map((t, i) => [t, i]));
  return [...rows.values()].sort(
    (a, b) => b.score - a.score || b.buchholz - a.buchholz || seed.get(a.teamId)! - seed.get(b.teamId)!,
  );
}

export interface SwissRound {
  fixtures: Fixture[];
  bye: Bye | null;
}

/** Upper bound on search steps, so an impossible request fails fast instead of hanging. */
const SEARCH_BUDGET = 200_000;

/**
 * Pairs the next round. Method: rank by the Swiss table; the bye (odd counts) goes to the
 * lowest-ranked team without one; then the highest-ranked unpaired team meets the next-ranked team
 * it has not played yet (so pairs stay inside score groups and float down only when needed), with
 * backtracking when the teams left over could not all be paired. Never pairs a rematch: if that is
 * impossible even with a repeated bye (possible late in long events), it throws SWISS_NO_PAIRING.
 */
export function pairSwissRound(
  teamIds: readonly string[],
  games: readonly SwissGame[],
  byes: readonly Pick<Bye, 'teamId'>[],
  round: number,
): SwissRound {
  assertDistinctTeams(teamIds);
  if (teamIds.length < 2) throw new FormatError('TOO_FEW_TEAMS', 'Swiss needs at least 2 teams');
  const ranked = swissStandings(teamIds, games, byes);
  const met = new Set(games.flatMap((g) => [`${g.homeTeamId}|${g.awayTeamId}`, `${g.awayTeamId}|${g.homeTeamId}`]));
  const budget = { steps: 0 };

  const byeCandidates: (SwissRow | null)[] =
    ranked.length % 2 === 0
      ? [null]
      : [...ranked.filter((r) => !r.hadBye).reverse(), ...ranked.filter((r) => r.hadBye).reverse()];
  for (const byeRow of byeCandidates) {
    const pool = ranked.filter((r) => r !== byeRow);
    const pairs = pairPool(pool, met, budget);
    if (pairs) {
      const fixtures = pairs.map(([a, b], i) => {
        // The team with fewer home games hosts; on equal counts the higher-ranked one.
        const [home, away] = b.homeGames < a.homeGames ? [b, a] : [a, b];
        return {
          id: `S${round}-M${i + 1}`,
          stage: 'swiss' as const,
          round,
          homeTeamId: home.teamId,
          awayTeamId: away.teamId,
        };
      });
      return { fixtures, bye: byeRow ? { round, teamId: byeRow.teamId } : null };
    }
  }
  throw new FormatError('SWISS_NO_PAIRING', `no pairing without rematches exists for round ${round}`);
}

function pairPool(pool: SwissRow[], met: Set<string>, budget: { steps: number }): [SwissRow, SwissRow][] | null {
  if (pool.length === 0) return [];
  if (++budget.steps > SEARCH_BUDGET) {
    throw new FormatError('SWISS_NO_PAIRING', 'pairing search exceeded its budget');
  }
  const [first, ...rest] = pool;
  for (let i = 0; i < rest.length; i++) {
    const candidate = rest[i];
    if (met.has(`${first.teamId}|${candidate.teamId}`)) continue;
    const remaining = pairPool([...rest.slice(0, i), ...rest.slice(i + 1)], met, budget);
    if (remaining) return [[first, candidate], ...remaining];
  }
  return null;
}
