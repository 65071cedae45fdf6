import { type Bracket, type BracketMatch, linkMatches, newMatch, resolveBracket } from './bracket';
import { assertDistinctTeams, FormatError, type SlotSource } from './fixture';
import { nextPowerOfTwo, standardSeedOrder } from './single-elimination';

export interface DoubleEliminationOptions {
  /** Play a second final when the losers-bracket champion wins the first one (default true). */
  grandFinalReset?: boolean;
}

/**
 * Double elimination for teams in seed order. Winners bracket as in single elimination; losers
 * round 1 pairs the first-round losers, then rounds alternate between "drop-in" rounds (survivors
 * meet the losers of the next winners round) and rounds among the survivors. The grand final
 * pits the winners-bracket champion against the losers-bracket champion, with an optional reset.
 */
export function doubleElimination(seededTeamIds: readonly string[], options: DoubleEliminationOptions = {}): Bracket {
  assertDistinctTeams(seededTeamIds);
  if (seededTeamIds.length < 2) throw new FormatError('TOO_FEW_TEAMS', 'double elimination needs at least 2 teams');
  const size = nextPowerOfTwo(seededTeamIds.length);
  const matches: BracketMatch[] = [];

  const winnersRounds: string[][] = [];
  let previous: SlotSource[] = standardSeedOrder(size).map((seed) => ({ kind: 'seed', seed }));
  for (let round = 1; previous.length > 1; round++) {
    const ids: string[] = [];
    for (let j = 0; j < previous.length / 2; j++) {
      const id = `W${round}-${j + 1}`;
      matches.push(newMatch(id, 'winners', round, j, previous[2 * j], previous[2 * j + 1]));
      ids.push(id);
    }
    winnersRounds.push(ids);
    previous = ids.map((matchId) => ({ kind: 'winner', matchId }));
  }
  const winnersChampion = previous[0];
  const loser = (matchId: string): SlotSource => ({ kind: 'loser', matchId });

  let losersChampion: SlotSource = loser(winnersRounds[0][0]);
  if (winnersRounds.length > 1) {
    let lbRound = 1;
    // For every losers-bracket slot: the first-round winners-bracket matches its occupant may come from.
    let origins = winnersRounds[0].map((_, j) => new Set([j]));
    let survivors = pairRound(matches, winnersRounds[0].map(loser), lbRound++);
    origins = mergePairs(origins);
    for (let wr = 1; wr < winnersRounds.length; wr++) {
      const width = 2 ** wr;
      const dropOrigins = winnersRounds[wr].map((_, j) => range(j * width, (j + 1) * width));
      const order = dropOrder(origins, dropOrigins);
      const dropping = order.map((j) => loser(winnersRounds[wr][j]));
      survivors = pairRound(
        matches,
        survivors.flatMap((s, j) => [s, dropping[j]]),
        lbRound++,
      );
      origins = origins.map((o, j) => new Set([...o, ...dropOrigins[order[j]]]));
      if (survivors.length > 1) {
        survivors = pairRound(matches, survivors, lbRound++);
        origins = mergePairs(origins);
      }
    }
    losersChampion = survivors[0];
  }

  const rounds = winnersRounds.length + 1;
  matches.push(newMatch('GF', 'grand_final', rounds, 0, winnersChampion, losersChampion));
  if (options.grandFinalReset ?? true) {
    const reset = newMatch('GF2', 'grand_final_reset', rounds + 1, 0, winnersChampion, losersChampion);
    reset.playIf = { matchId: 'GF', wonBy: 'away' };
    matches.push(reset);
  }
  linkMatches(matches);
  return resolveBracket({ kind: 'double_elimination', entrants: [...seededTeamIds], matches });
}

/** Adds one losers-bracket round pairing consecutive sources; returns the winners' sources. */
function pairRound(matches: BracketMatch[], sources: SlotSource[], round: number): SlotSource[] {
  const out: SlotSource[] = [];
  for (let j = 0; j < sources.length / 2; j++) {
    const id = `L${round}-${j + 1}`;
    matches.push(newMatch(id, 'losers', round, j, sources[2 * j], sources[2 * j + 1]));
    out.push({ kind: 'winner', matchId: id });
  }
  return out;
}

/**
 * Which winners-bracket loser meets which losers-bracket survivor in a drop-in round. Taken straight,
 * a dropped team would meet survivors from its own part of the winners bracket — possibly a team it
 * has just beaten. Common practice alternates reversed and half-swapped orders; rather than
 * hard-coding that pattern we pick, among those candidate orders, the first one under which no
 * survivor can come from the dropped team's part of the bracket (fewest overlaps if none is clean).
 * The first drop round is always clean; deeper rounds carry survivors from everywhere, so there it
 * only reduces the chance of a rematch.
 */
function dropOrder(survivorOrigins: Set<number>[], dropOrigins: number[][]): number[] {
  const n = dropOrigins.length;
  const identity = range(0, n);
  const reversed = [...identity].reverse();
  const swap = (order: number[]) => [...order.slice(n / 2), ...order.slice(0, n / 2)];
  const candidates = n === 1 ? [identity] : [reversed, swap(identity), swap(reversed), identity];
  let best = candidates[0];
  let bestOverlaps = Infinity;
  for (const order of candidates) {
    const overlaps = order.filter((d, j) => dropOrigins[d].some((o) => survivorOrigins[j].has(o))).length;
    if (overlaps < bestOverlaps) [best, bestOverlaps] = [order, overlaps];
  }
  return best;
}

function mergePairs(origins: Set<number>[]): Set<number>[] {
  return range(0, origins.length / 2).map((j) => new Set([...origins[2 * j], ...origins[2 * j + 1]]));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
