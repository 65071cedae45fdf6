import { type Bracket, linkMatches, newMatch, resolveBracket, type BracketMatch } from './bracket';
import { assertDistinctTeams, FormatError, type SlotSource } from './fixture';

export interface SingleEliminationOptions {
  thirdPlace?: boolean;
}

export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/**
 * Seeds in bracket-position order for a bracket of `size` (a power of two): 1 v size, and seeds
 * 1 and 2 in opposite halves, 1–4 in different quarters, and so on. For 8: [1, 8, 4, 5, 2, 7, 3, 6].
 */
export function standardSeedOrder(size: number): number[] {
  let order = [1];
  while (order.length < size) {
    const next = order.length * 2 + 1;
    order = order.flatMap((seed) => [seed, next - seed]);
  }
  return order;
}

/**
 * Single elimination for teams given in seed order. Missing places up to the next power of two are
 * byes; they fall opposite the top seeds because seed s meets seed size+1−s in the first round.
 */
export function singleElimination(seededTeamIds: readonly string[], options: SingleEliminationOptions = {}): Bracket {
  assertDistinctTeams(seededTeamIds);
  return knockoutFromSeedPositions(
    standardSeedOrder(nextPowerOfTwo(seededTeamIds.length)),
    [...seededTeamIds],
    options,
  );
}

/**
 * A knockout from an explicit seed per bracket position (length a power of two). Seeds above the
 * entrant count are byes; entrants may be null while still unknown (see `seedBracket`).
 */
export function knockoutFromSeedPositions(
  seedPositions: readonly number[],
  entrants: (string | null)[],
  options: SingleEliminationOptions = {},
  seedLabels?: string[],
): Bracket {
  if (entrants.length < 2) throw new FormatError('TOO_FEW_TEAMS', 'a knockout needs at least 2 entrants');
  const size = seedPositions.length;
  if (size !== nextPowerOfTwo(entrants.length)) {
    throw new FormatError('INVALID_OPTION', 'bracket positions must be the next power of two');
  }
  const matches: BracketMatch[] = [];
  let previous: SlotSource[] = seedPositions.map((seed) => ({ kind: 'seed', seed }));
  let round = 1;
  while (previous.length > 1) {
    const current: SlotSource[] = [];
    for (let j = 0; j < previous.length / 2; j++) {
      const id = `K${round}-${j + 1}`;
      matches.push(newMatch(id, 'knockout', round, j, previous[2 * j], previous[2 * j + 1]));
      current.push({ kind: 'winner', matchId: id });
    }
    previous = current;
    round++;
  }
  const rounds = round - 1;
  if (options.thirdPlace && rounds >= 2) {
    const semis = matches.filter((m) => m.round === rounds - 1);
    matches.push(
      newMatch(
        'P3',
        'third_place',
        rounds,
        0,
        { kind: 'loser', matchId: semis[0].id },
        { kind: 'loser', matchId: semis[1].id },
      ),
    );
  }
  linkMatches(matches);
  const bracket: Bracket = { kind: 'single_elimination', entrants, matches };
  if (seedLabels) bracket.seedLabels = seedLabels;
  return resolveBracket(bracket);
}
