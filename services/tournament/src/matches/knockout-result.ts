import type { Match } from './match.model';
import { isBracketMatch } from './tournament-progress';
import { MatchErrors } from './match.errors';

export interface KnockoutDecider {
  winnerTeamId?: string;
  homePenalties?: number;
  awayPenalties?: number;
}

export interface DecidedResult {
  winnerTeamId: string | null;
  homePenalties: number | null;
  awayPenalties: number | null;
}

/**
 * Checks what decides a result besides the goals. A knockout match level after play must name the
 * team that went through — by its penalty shoot-out or by winnerTeamId — because a bracket cannot
 * advance a draw; anywhere else those fields are refused.
 */
export function decideResult(
  match: Pick<Match, 'stage' | 'homeTeamId' | 'awayTeamId'>,
  homeScore: number,
  awayScore: number,
  decider: KnockoutDecider,
): DecidedResult {
  const { winnerTeamId, homePenalties, awayPenalties } = decider;
  const anyGiven = winnerTeamId !== undefined || homePenalties !== undefined || awayPenalties !== undefined;
  const none: DecidedResult = { winnerTeamId: null, homePenalties: null, awayPenalties: null };
  if (!isBracketMatch(match)) {
    if (anyGiven) throw MatchErrors.invalidResult('winnerTeamId and penalties are only for knockout matches');
    return none;
  }
  if (homeScore !== awayScore) {
    if (anyGiven)
      throw MatchErrors.invalidResult('winnerTeamId and penalties are only for a knockout match level after play');
    return none;
  }
  if ((homePenalties === undefined) !== (awayPenalties === undefined))
    throw MatchErrors.invalidResult('homePenalties and awayPenalties go together');
  if (homePenalties !== undefined && awayPenalties !== undefined) {
    if (homePenalties === awayPenalties) throw MatchErrors.invalidResult('A penalty shoot-out ends with a winner');
    const byPenalties = homePenalties > awayPenalties ? match.homeTeamId : match.awayTeamId;
    if (winnerTeamId !== undefined && winnerTeamId !== byPenalties)
      throw MatchErrors.invalidResult('winnerTeamId disagrees with the penalty shoot-out');
    return { winnerTeamId: byPenalties, homePenalties, awayPenalties };
  }
  if (winnerTeamId === undefined) throw MatchErrors.winnerRequired();
  if (winnerTeamId !== match.homeTeamId && winnerTeamId !== match.awayTeamId)
    throw MatchErrors.invalidResult('winnerTeamId must be one of the two teams');
  return { ...none, winnerTeamId };
}
