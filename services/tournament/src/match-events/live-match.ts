import type { MatchEvent } from '../matches/match.model';
import { effectiveEvents } from '../standings/standings-tables';
import type { RecordMatchEventDto } from './dto/match-event.dto';

export type LiveRefusal = { code: 'STATE' | 'RULE'; detail: string };

export interface LiveMatch {
  status: string;
  homeTeamId: string;
  awayTeamId: string;
  periods: number;
  lastSequence: number;
  events: readonly MatchEvent[];
  /** Roster of each team (user ids) from the team read model. */
  rosters: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Score from the goals that stand (own goals count for the other team). */
export function scoreOf(match: Pick<LiveMatch, 'homeTeamId' | 'awayTeamId' | 'events'>): {
  home: number;
  away: number;
} {
  let [home, away] = [0, 0];
  for (const e of effectiveEvents(match.events)) {
    if (e.kind !== 'goal') continue;
    const forHome = (e.teamId === match.homeTeamId) !== e.ownGoal;
    if (forHome) home++;
    else away++;
  }
  return { home, away };
}

function sentOff(events: readonly MatchEvent[]): Set<string> {
  return new Set(
    effectiveEvents(events)
      .filter((e) => (e.kind === 'red_card' || e.kind === 'second_yellow') && e.playerId)
      .map((e) => e.playerId!),
  );
}

/**
 * Whether an event may be recorded now. Play events need a live match; a correction may follow the
 * final whistle until the result is confirmed; players must be on their team's roster and still on
 * the pitch (not sent off).
 */
export function checkLiveEvent(match: LiveMatch, e: RecordMatchEventDto): LiveRefusal | null {
  const state = (detail: string): LiveRefusal => ({ code: 'STATE', detail });
  const rule = (detail: string): LiveRefusal => ({ code: 'RULE', detail });
  if (e.period > match.periods) return rule(`the match has ${match.periods} period(s)`);
  if (e.kind === 'kick_off')
    return match.status === 'scheduled' ? null : state(`a ${match.status} match cannot kick off`);
  if (e.kind === 'correction') {
    if (match.status !== 'live' && match.status !== 'finished')
      return state(`a ${match.status} match cannot be corrected`);
    if (!e.reason) return rule('a correction needs a reason');
    const target = match.events.find((x) => x.sequence === e.correctsSequence);
    if (!target) return rule('correctsSequence must name an earlier event');
    if (['kick_off', 'final_whistle', 'correction'].includes(target.kind))
      return rule(`a ${target.kind} cannot be corrected`);
    if (match.events.some((x) => x.kind === 'correction' && x.correctsSequence === target.sequence))
      return rule('that event is already corrected');
    return null;
  }
  if (match.status !== 'live')
    return state(`no ${e.kind} in a ${match.status} match (after the final whistle only corrections)`);
  if (['period_start', 'period_end', 'final_whistle'].includes(e.kind)) return null;

  if (e.teamId !== match.homeTeamId && e.teamId !== match.awayTeamId)
    return rule('teamId must be one of the two teams');
  const roster = match.rosters.get(e.teamId) ?? new Set<string>();
  const off = sentOff(match.events);
  if (!e.playerId || !roster.has(e.playerId)) return rule("the player is not on the team's roster");
  if (off.has(e.playerId)) return rule('the player was sent off');
  const standing = effectiveEvents(match.events);
  switch (e.kind) {
    case 'goal':
      if (e.assistId && (e.ownGoal || e.assistId === e.playerId || !roster.has(e.assistId)))
        return rule("the assist must be another player of the scorer's team (none for an own goal)");
      return null;
    case 'second_yellow':
      return standing.some((x) => x.kind === 'yellow_card' && x.playerId === e.playerId)
        ? null
        : rule('a second yellow needs an earlier yellow card');
    case 'yellow_card':
      return standing.some((x) => x.kind === 'yellow_card' && x.playerId === e.playerId)
        ? rule('record the second caution as second_yellow')
        : null;
    case 'red_card':
    case 'period_start':
    case 'period_end':
    case 'final_whistle':
      return null;
    case 'substitution':
      if (!e.playerInId || e.playerInId === e.playerId || !roster.has(e.playerInId))
        return rule('the player coming on must be another player of the team');
      return off.has(e.playerInId) ? rule('the player coming on was sent off') : null;
  }
}
