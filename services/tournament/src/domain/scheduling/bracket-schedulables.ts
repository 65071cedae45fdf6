import { type Bracket, type BracketMatch } from '../formats/bracket';
import { type SchedulableFixture } from './schedule-types';

/**
 * Turns the matches of a bracket that will be played into fixtures for the scheduler. Walkovers and
 * void matches have no slot, so a match waits for the nearest real matches behind them; `round` is
 * the match's depth (1 + the deepest real match it waits for), a valid play order for both
 * winners and losers brackets.
 */
export function bracketSchedulables(bracket: Bracket): SchedulableFixture[] {
  const byId = new Map(bracket.matches.map((m) => [m.id, m]));
  const played = (m: BracketMatch) => m.status !== 'walkover' && m.status !== 'void';
  const depsCache = new Map<string, string[]>();
  const depthCache = new Map<string, number>();

  const realDeps = (m: BracketMatch): string[] => {
    const cached = depsCache.get(m.id);
    if (cached) return cached;
    const deps = new Set<string>();
    for (const src of [m.home, m.away]) {
      if (src.kind !== 'winner' && src.kind !== 'loser') continue;
      const source = byId.get(src.matchId)!;
      for (const d of played(source) ? [source.id] : realDeps(source)) deps.add(d);
    }
    if (m.playIf) deps.add(m.playIf.matchId);
    const list = [...deps];
    depsCache.set(m.id, list);
    return list;
  };
  const depth = (m: BracketMatch): number => {
    const cached = depthCache.get(m.id);
    if (cached !== undefined) return cached;
    const d = 1 + Math.max(0, ...realDeps(m).map((id) => depth(byId.get(id)!)));
    depthCache.set(m.id, d);
    return d;
  };

  return bracket.matches.filter(played).map((m) => ({
    id: m.id,
    round: depth(m),
    homeTeamId: m.homeTeamId,
    awayTeamId: m.awayTeamId,
    dependsOn: realDeps(m),
  }));
}
