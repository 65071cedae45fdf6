import { DomainError } from '@prodvor/platform';
import { seededRandom } from '@prodvor/contracts';

export type Position = 'GK' | 'DF' | 'MF' | 'FW';
export const POSITIONS: Position[] = ['GK', 'DF', 'MF', 'FW'];

export interface BalancePlayer {
  id: string;
  name?: string;
  /** 1 (beginner) … 10 (strongest). */
  skill: number;
  positions: Position[];
}

export interface BalancedTeam {
  players: BalancePlayer[];
  totalSkill: number;
  positionsCovered: Position[];
}

export interface BalanceResult {
  teams: BalancedTeam[];
  /** Highest minus lowest team skill total. */
  spread: number;
  /** Facts a model (or a template) turns into an explanation; never free text from users. */
  facts: { teamCount: number; playerCount: number; spread: number; goalkeepersSpread: boolean; swaps: number };
}

export const MAX_PLAYERS = 200;

const total = (players: BalancePlayer[]) => players.reduce((sum, p) => sum + p.skill, 0);
const isKeeper = (p: BalancePlayer) => p.positions.includes('GK');

function cost(teams: BalancePlayer[][]): number {
  const totals = teams.map(total);
  const spread = Math.max(...totals) - Math.min(...totals);
  // Missing positions weigh less than a skill point, so skill balance wins ties of coverage.
  const missing = teams.reduce(
    (sum, t) => sum + POSITIONS.filter((pos) => !t.some((p) => p.positions.includes(pos))).length,
    0,
  );
  return spread + missing * 0.25;
}

/**
 * Splits players into `teamCount` teams whose sizes differ by at most one: goalkeepers are dealt
 * first (one per team while they last), everyone else by a snake draft on skill, then pairwise
 * swaps between teams are applied while they lower the skill spread or improve position coverage.
 * Same input and seed → same teams.
 */
export function balanceTeams(players: BalancePlayer[], teamCount: number, seed = 1): BalanceResult {
  if (!Number.isInteger(teamCount) || teamCount < 2)
    throw new DomainError('AI_BALANCE_INVALID_INPUT', 400, 'teamCount must be an integer of at least 2');
  if (players.length < teamCount)
    throw new DomainError('AI_BALANCE_INVALID_INPUT', 400, 'there must be at least one player per team');
  if (players.length > MAX_PLAYERS)
    throw new DomainError('AI_BALANCE_INVALID_INPUT', 400, `at most ${MAX_PLAYERS} players can be balanced at once`);
  if (new Set(players.map((p) => p.id)).size !== players.length)
    throw new DomainError('AI_BALANCE_INVALID_INPUT', 400, 'player ids must be unique');

  const rand = seededRandom(seed);
  // Shuffle first (seeded), then a stable sort: equal skills are ordered by the seed, not by input order.
  const shuffled = players
    .map((p) => ({ p, k: rand() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.p);
  const bySkill = [...shuffled].sort((a, b) => b.skill - a.skill);
  const keepers = bySkill.filter(isKeeper).slice(0, teamCount);
  const rest = bySkill.filter((p) => !keepers.includes(p));

  const teams: BalancePlayer[][] = Array.from({ length: teamCount }, () => []);
  keepers.forEach((keeper, i) => teams[i].push(keeper));
  // Snake order continues from where the keepers stopped, so sizes stay within one.
  let index = keepers.length % teamCount;
  let direction = 1;
  for (const player of rest) {
    const smallest = Math.min(...teams.map((t) => t.length));
    while (teams[index].length > smallest) index = (index + 1) % teamCount;
    teams[index].push(player);
    const next = index + direction;
    if (next >= teamCount || next < 0) direction = -direction;
    else index = next;
  }

  let swaps = 0;
  for (let improved = true, rounds = 0; improved && rounds < 200; rounds++) {
    improved = false;
    const current = cost(teams);
    search: for (let a = 0; a < teamCount; a++)
      for (let b = a + 1; b < teamCount; b++)
        for (let i = 0; i < teams[a].length; i++)
          for (let j = 0; j < teams[b].length; j++) {
            const [pa, pb] = [teams[a][i], teams[b][j]];
            // Keep one keeper per team once dealt: never swap a keeper for a non-keeper.
            if (isKeeper(pa) !== isKeeper(pb) && (keepers.includes(pa) || keepers.includes(pb))) continue;
            teams[a][i] = pb;
            teams[b][j] = pa;
            if (cost(teams) < current - 1e-9) {
              swaps++;
              improved = true;
              break search;
            }
            teams[a][i] = pa;
            teams[b][j] = pb;
          }
  }

  const result = teams.map((t) => ({
    players: t,
    totalSkill: total(t),
    positionsCovered: POSITIONS.filter((pos) => t.some((p) => p.positions.includes(pos))),
  }));
  const totals = result.map((t) => t.totalSkill);
  const spread = Math.max(...totals) - Math.min(...totals);
  return {
    teams: result,
    spread,
    facts: {
      teamCount,
      playerCount: players.length,
      spread,
      goalkeepersSpread: keepers.length >= Math.min(teamCount, players.filter(isKeeper).length),
      swaps,
    },
  };
}

/** The plain snake draft, the baseline the balancer must never be worse than. */
export function snakeDraftSpread(players: BalancePlayer[], teamCount: number): number {
  const sorted = [...players].sort((a, b) => b.skill - a.skill);
  const totals = Array.from({ length: teamCount }, () => 0);
  sorted.forEach((p, i) => {
    const round = Math.floor(i / teamCount);
    const pos = i % teamCount;
    totals[round % 2 === 0 ? pos : teamCount - 1 - pos] += p.skill;
  });
  return Math.max(...totals) - Math.min(...totals);
}
