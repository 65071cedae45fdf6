import type { MatchEvent } from '@prodvor/contracts';

export interface MatchScore {
  homeScore: number;
  awayScore: number;
  status: 'scheduled' | 'live' | 'finished';
  lastSequence: number;
  /** The shoot-out of a knockout match level after play, from its final whistle. */
  homePenalties?: number;
  awayPenalties?: number;
}

/** The events that stand: corrections are dropped together with the sequences they void. */
export function standingEvents(events: MatchEvent[]): MatchEvent[] {
  const voided = new Set(events.flatMap((e) => (e.kind === 'correction' ? [e.correctsSequence] : [])));
  return events.filter((e) => e.kind !== 'correction' && !voided.has(e.sequence));
}

/**
 * The score from a match's events. A goal's `teamId` is the scorer's team, so an own goal counts for
 * the other side. Goals of a team that is neither home nor away (unknown yet) are not counted.
 */
export function matchScore(
  events: MatchEvent[],
  teams: { homeTeamId: string | null; awayTeamId: string | null },
): MatchScore {
  const sorted = [...events].sort((a, b) => a.sequence - b.sequence);
  const score: MatchScore = { homeScore: 0, awayScore: 0, status: 'scheduled', lastSequence: 0 };
  for (const event of sorted) score.lastSequence = Math.max(score.lastSequence, event.sequence);
  for (const event of standingEvents(sorted)) {
    if (event.kind === 'kick_off' || event.kind === 'period_start') score.status = 'live';
    if (event.kind === 'final_whistle') {
      score.status = 'finished';
      if (event.homePenalties !== undefined && event.awayPenalties !== undefined) {
        score.homePenalties = event.homePenalties;
        score.awayPenalties = event.awayPenalties;
      }
    }
    if (event.kind !== 'goal') continue;
    const home = event.teamId === teams.homeTeamId;
    const away = event.teamId === teams.awayTeamId;
    if (!home && !away) continue;
    if (home !== event.ownGoal) score.homeScore++;
    else score.awayScore++;
  }
  return score;
}
