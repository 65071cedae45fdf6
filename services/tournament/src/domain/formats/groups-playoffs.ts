import { type Bracket } from './bracket';
import { seededRandom } from '@prodvor/contracts';
import { assertDistinctTeams, type Bye, type Fixture, FormatError } from './fixture';
import { roundRobin } from './round-robin';
import { knockoutFromSeedPositions, nextPowerOfTwo, standardSeedOrder } from './single-elimination';

export type GroupSeeding =
  /** Seeds 1..G go to groups A..G, the next row back from G to A, and so on. */
  | { method: 'snake' }
  /** Pots of G teams by seed; each pot's teams are drawn into distinct groups with a recorded seed. */
  | { method: 'pots'; drawSeed: number };

export interface GroupsAndPlayoffsOptions {
  groupCount: number;
  /** Top K of each group reach the knockout. */
  advancePerGroup: number;
  seeding: GroupSeeding;
  doubleRoundRobin?: boolean;
  thirdPlace?: boolean;
}

export interface Group {
  name: string;
  teamIds: string[];
}

export interface GroupsAndPlayoffs {
  groups: Group[];
  fixtures: Fixture[];
  byes: Bye[];
  /** Knockout with placeholder entrants labelled 'A1', 'B2', …; fill with {@link playoffEntrants} + seedBracket. */
  playoff: Bracket;
}

export function groupName(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Distributes teams (given in seed order) over groups. Group sizes differ by at most one. */
export function seedGroups(seededTeamIds: readonly string[], groupCount: number, seeding: GroupSeeding): Group[] {
  assertDistinctTeams(seededTeamIds);
  if (groupCount < 1 || seededTeamIds.length < groupCount * 2) {
    throw new FormatError('INVALID_OPTION', 'every group needs at least 2 teams');
  }
  const groups: Group[] = Array.from({ length: groupCount }, (_, i) => ({ name: groupName(i), teamIds: [] }));
  const random = seeding.method === 'pots' ? seededRandom(seeding.drawSeed) : null;
  for (let start = 0; start < seededTeamIds.length; start += groupCount) {
    const pot = seededTeamIds.slice(start, start + groupCount);
    const row = start / groupCount;
    let targets = groups.map((_, i) => i);
    if (random) {
      // Fisher–Yates with the recorded seed: the same seed always redraws the same groups.
      for (let i = targets.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [targets[i], targets[j]] = [targets[j], targets[i]];
      }
    } else if (row % 2 === 1) {
      targets = targets.reverse();
    }
    pot.forEach((teamId, i) => groups[targets[i]].teamIds.push(teamId));
  }
  return groups;
}

export function groupsAndPlayoffs(
  seededTeamIds: readonly string[],
  options: GroupsAndPlayoffsOptions,
): GroupsAndPlayoffs {
  const groups = seedGroups(seededTeamIds, options.groupCount, options.seeding);
  const smallest = Math.min(...groups.map((g) => g.teamIds.length));
  if (options.advancePerGroup < 1 || options.advancePerGroup > smallest) {
    throw new FormatError('INVALID_OPTION', 'advancePerGroup must be between 1 and the smallest group size');
  }
  if (options.groupCount * options.advancePerGroup < 2) {
    throw new FormatError('INVALID_OPTION', 'the knockout needs at least 2 teams');
  }
  const fixtures: Fixture[] = [];
  const byes: Bye[] = [];
  for (const group of groups) {
    const rr = roundRobin(group.teamIds, { group: group.name, double: options.doubleRoundRobin });
    fixtures.push(...rr.fixtures);
    byes.push(...rr.byes);
  }
  const { seedPositions, labels } = crossGroupPositions(options.groupCount, options.advancePerGroup);
  const playoff = knockoutFromSeedPositions(
    seedPositions,
    labels.map(() => null),
    { thirdPlace: options.thirdPlace },
    labels,
  );
  return { groups, fixtures, byes, playoff };
}

/**
 * Bracket positions for group qualifiers. Seeds run place-major (A1, B1, …, A2, B2, …). Group
 * winners take the standard top-seed positions; every later qualifier takes the free position that
 * meets its own group's teams as late as possible (first such position wins ties), which yields the
 * classic A1 v B2, B1 v A2 crossing with same-group teams in opposite halves.
 */
export function crossGroupPositions(
  groupCount: number,
  advancePerGroup: number,
): { seedPositions: number[]; labels: string[] } {
  const entrants = groupCount * advancePerGroup;
  const size = nextPowerOfTwo(entrants);
  const standard = standardSeedOrder(size);
  const positionOfSeed = new Map(standard.map((seed, position) => [seed, position]));
  const seedPositions: number[] = new Array<number>(size).fill(0);
  const labels: string[] = [];
  const placedByGroup: number[][] = Array.from({ length: groupCount }, () => []);
  const free = new Set(standard.filter((seed) => seed <= entrants).map((seed) => positionOfSeed.get(seed)!));

  for (let place = 1; place <= advancePerGroup; place++) {
    for (let g = 0; g < groupCount; g++) {
      const seed = labels.length + 1;
      labels.push(`${groupName(g)}${place}`);
      let position = positionOfSeed.get(seed)!;
      if (place > 1) {
        const meetRound = (p: number) => Math.min(...placedByGroup[g].map((q) => 32 - Math.clz32(p ^ q)));
        position = [...free].sort((a, b) => meetRound(b) - meetRound(a) || a - b)[0];
      }
      free.delete(position);
      placedByGroup[g].push(position);
      seedPositions[position] = seed;
    }
  }
  let byeSeed = entrants;
  return { seedPositions: seedPositions.map((s) => (s === 0 ? ++byeSeed : s)), labels };
}

/**
 * Knockout entrants in seed order from final group orders (group name → team ids, best first),
 * ready for `seedBracket(playoff, …)`.
 */
export function playoffEntrants(playoff: Bracket, finalOrders: Record<string, readonly string[]>): string[] {
  return (playoff.seedLabels ?? []).map((label) => {
    const teamId = finalOrders[label[0]]?.[Number(label.slice(1)) - 1];
    if (!teamId) throw new FormatError('INVALID_OPTION', `no team for ${label}`);
    return teamId;
  });
}
