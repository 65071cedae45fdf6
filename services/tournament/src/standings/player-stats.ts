import { type Appearance, type MatchScore, type StatEvent } from '../domain';
import type { Match, MatchEvent, MatchLineup } from '../matches/match.model';
import { effectiveEvents, isFinal } from './standings-tables';

/** Inputs of the domain's player and team statistics, from counted matches only. */
export function statsInputs(matches: readonly Match[], events: readonly MatchEvent[], lineups: readonly MatchLineup[]) {
  const counted = new Set(matches.filter((m) => isFinal(m) && m.homeTeamId && m.awayTeamId).map((m) => m.id));
  const scores: MatchScore[] = matches
    .filter((m) => counted.has(m.id))
    .map((m) => ({
      matchId: m.id,
      homeTeamId: m.homeTeamId!,
      awayTeamId: m.awayTeamId!,
      homeGoals: m.homeScore ?? 0,
      awayGoals: m.awayScore ?? 0,
    }));
  const standing = effectiveEvents(events).filter((e) => counted.has(e.matchId));
  const statEvents: StatEvent[] = standing.flatMap((e): StatEvent[] => {
    if (!e.teamId || !e.playerId) return [];
    if (e.kind === 'goal')
      return e.ownGoal
        ? [{ type: 'own_goal', matchId: e.matchId, teamId: e.teamId, playerId: e.playerId }]
        : [
            {
              type: 'goal',
              matchId: e.matchId,
              teamId: e.teamId,
              playerId: e.playerId,
              ...(e.assistId ? { assistPlayerId: e.assistId } : {}),
              penalty: e.penalty,
            },
          ];
    const card = { yellow_card: 'yellow', second_yellow: 'second_yellow', red_card: 'red' } as const;
    if (e.kind in card)
      return [
        {
          type: 'card',
          matchId: e.matchId,
          teamId: e.teamId,
          playerId: e.playerId,
          card: card[e.kind as keyof typeof card],
        },
      ];
    return [];
  });
  const appearances: Appearance[] = [
    ...lineups
      .filter((l) => counted.has(l.matchId))
      .map((l) => ({ matchId: l.matchId, teamId: l.teamId, playerId: l.playerId, goalkeeper: l.goalkeeper })),
    ...standing
      .filter((e) => e.kind === 'substitution' && e.playerInId && e.teamId)
      .map((e) => ({ matchId: e.matchId, teamId: e.teamId!, playerId: e.playerInId! })),
  ];
  return { scores, statEvents, appearances };
}
