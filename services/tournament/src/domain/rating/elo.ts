/**
 * Team rating in the style of the World Football Elo Ratings (eloratings.net), tuned for yard sport:
 *
 * - every team starts at {@link INITIAL_RATING};
 * - K is {@link K_FACTOR} (eloratings.net uses 20 for friendlies; amateur results are noisy, so the
 *   friendly weight is used for every match, official or not);
 * - the goal-difference multiplier is 1 for a margin of 0–1, 1.5 for 2 and (11 + N) / 8 for N ≥ 3;
 * - no home advantage: yard matches are played on neutral pitches;
 * - a draw scores 0.5; a knockout match level after play (decided on penalties) is a draw, as on
 *   eloratings.net; a forfeit is a win of the other team by the recorded score (e.g. 3–0).
 *
 * Deltas are integers (rounded half away from zero) and sum to zero, so ratings stay integers and
 * the pool's total never drifts.
 */
export const INITIAL_RATING = 1500;
export const K_FACTOR = 20;

export interface RatedMatch {
  homeRating: number;
  awayRating: number;
  homeGoals: number;
  awayGoals: number;
  /** The side that forfeited, if the result was awarded. */
  forfeitedBy?: 'home' | 'away' | null;
}

export interface RatingDeltas {
  home: number;
  away: number;
}

/** Expected score of A against B: 1 / (1 + 10^(−(Ra − Rb) / 400)). */
export function expectedScore(ratingA: number, ratingB: number): number {
  return 1 / (1 + 10 ** (-(ratingA - ratingB) / 400));
}

/** Weight of the margin of victory: 1 (0–1 goals), 1.5 (2), (11 + N) / 8 (N ≥ 3). */
export function goalDifferenceMultiplier(margin: number): number {
  const n = Math.abs(margin);
  if (n <= 1) return 1;
  if (n === 2) return 1.5;
  return (11 + n) / 8;
}

/** The rating change of each team after a final result; `home + away === 0`. */
export function eloDeltas(match: RatedMatch): RatingDeltas {
  const { homeScore, margin } = outcomeOf(match);
  const change =
    K_FACTOR * goalDifferenceMultiplier(margin) * (homeScore - expectedScore(match.homeRating, match.awayRating));
  const home = roundHalfAwayFromZero(change);
  return { home, away: home === 0 ? 0 : -home };
}

/** The home side's actual score (1 win, 0.5 draw, 0 loss) and the goal margin that weighs it. */
function outcomeOf(match: RatedMatch): { homeScore: number; margin: number } {
  const margin = Math.abs(match.homeGoals - match.awayGoals);
  if (match.forfeitedBy) return { homeScore: match.forfeitedBy === 'home' ? 0 : 1, margin };
  if (match.homeGoals === match.awayGoals) return { homeScore: 0.5, margin: 0 };
  return { homeScore: match.homeGoals > match.awayGoals ? 1 : 0, margin };
}

function roundHalfAwayFromZero(value: number): number {
  // 1e-9 absorbs floating-point noise (e.g. 9.999999999 for an exact 10) before rounding.
  const rounded = Math.round(Math.abs(value) + 1e-9);
  return value < 0 ? -rounded : rounded;
}

/**
 * Teams in seed order by rating, best first: an unrated team counts as {@link INITIAL_RATING}, equal
 * ratings keep the given (registration) order.
 */
export function orderByRating(teamIds: readonly string[], ratings: ReadonlyMap<string, number>): string[] {
  return teamIds
    .map((teamId, index) => ({ teamId, index, rating: ratings.get(teamId) ?? INITIAL_RATING }))
    .sort((a, b) => b.rating - a.rating || a.index - b.index)
    .map((t) => t.teamId);
}
