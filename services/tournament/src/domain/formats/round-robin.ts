import { assertDistinctTeams, type Bye, type Fixture, FormatError } from './fixture';

export interface RoundRobinOptions {
  /** Double round robin: the second half repeats the first with home and away swapped. */
  double?: boolean;
  /** Labels fixtures of one group in a groups + playoffs tournament. */
  group?: string;
  /** Prefix for fixture ids; ids are stable for the same input. */
  idPrefix?: string;
}

export interface RoundRobinSchedule {
  rounds: number;
  fixtures: Fixture[];
  byes: Bye[];
}

/**
 * Circle (Berger) method: the first team stays put, the others rotate one place per round, so every
 * pair meets exactly once in n−1 rounds (n rounded up to even; the phantom opponent is a bye).
 * Home and away alternate round by round, so every team's counts stay within one of each other.
 */
export function roundRobin(teamIds: readonly string[], options: RoundRobinOptions = {}): RoundRobinSchedule {
  assertDistinctTeams(teamIds);
  if (teamIds.length < 2) throw new FormatError('TOO_FEW_TEAMS', 'a round robin needs at least 2 teams');
  const prefix = options.idPrefix ?? (options.group ? `G${options.group}-` : '');
  // With an odd count the bye is the fixed point of the circle, so the rotating teams alternate
  // home and away around their single bye.
  const circle: (string | null)[] = teamIds.length % 2 === 1 ? [null, ...teamIds] : [...teamIds];
  const size = circle.length;
  const singleRounds = size - 1;
  const fixtures: Fixture[] = [];
  const byes: Bye[] = [];

  for (let r = 0; r < singleRounds; r++) {
    const round = r + 1;
    let matchNo = 0;
    for (let i = 0; i < size / 2; i++) {
      const a = circle[i];
      const b = circle[size - 1 - i];
      if (a === null || b === null) {
        const teamId = (a ?? b) as string;
        byes.push(withGroup<Bye>({ round, teamId }, options.group));
        continue;
      }
      // A rotating team moves one position per round, so orienting by position parity alternates it.
      const aAtHome = i === 0 ? r % 2 === 0 : i % 2 === 1;
      matchNo++;
      fixtures.push(fixture(`${prefix}R${round}-M${matchNo}`, round, aAtHome ? a : b, aAtHome ? b : a, options, 1));
    }
    // Rotate every position except the first one step clockwise.
    const last = circle.pop() as string | null;
    circle.splice(1, 0, last);
  }

  if (options.double) {
    const firstLeg = fixtures.length;
    for (let k = 0; k < firstLeg; k++) {
      const f = fixtures[k];
      const round = f.round + singleRounds;
      fixtures.push(
        fixture(`${prefix}R${round}-M${f.id.split('-M').pop()}`, round, f.awayTeamId, f.homeTeamId, options, 2),
      );
    }
    for (const bye of [...byes]) byes.push({ ...bye, round: bye.round + singleRounds });
  }
  return { rounds: options.double ? singleRounds * 2 : singleRounds, fixtures, byes };
}

function fixture(
  id: string,
  round: number,
  homeTeamId: string,
  awayTeamId: string,
  options: RoundRobinOptions,
  leg: number,
): Fixture {
  const base: Fixture = { id, stage: options.group ? 'group' : 'league', round, homeTeamId, awayTeamId };
  if (options.double) base.leg = leg;
  return withGroup(base, options.group);
}

function withGroup<T extends { group?: string }>(value: T, group: string | undefined): T {
  if (group !== undefined) value.group = group;
  return value;
}
