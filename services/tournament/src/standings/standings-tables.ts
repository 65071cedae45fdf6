import {
  type CardRecord,
  computeStandings,
  type MatchResult,
  type Standings,
  type StandingsRow,
  swissStandings,
  tabulate,
  type TieBreakStep,
} from '../domain';
import type { Match, MatchEvent } from '../matches/match.model';
import type { Tournament } from '../tournaments/tournament.model';
import { lotsOf, rulesOf, standingsRulesOf, swissByesOf } from '../tournaments/tournament-settings';

export const LEAGUE_TABLE = 'league';

export interface StandingsTable {
  /** 'league' for a league or Swiss table, else the group's name. */
  key: string;
  group: string | null;
  rows: (StandingsRow & { score?: number; buchholz?: number })[];
  /** Teams no tie-breaker separates until the organizer draws lots. */
  unresolvedTies: string[][];
  /** How ties on points were broken (none for Swiss). */
  tieBreaks: TieBreakStep[];
}

const TABLE_STAGES = new Set(['league', 'group', 'swiss']);

export function isFinal(match: Pick<Match, 'status'>): boolean {
  return match.status === 'confirmed' || match.status === 'forfeited';
}

/** Sequences voided by a later correction event. */
export function voidedSequences(events: readonly MatchEvent[]): Set<string> {
  return new Set(
    events
      .filter((e) => e.kind === 'correction' && e.correctsSequence)
      .map((e) => `${e.matchId}#${e.correctsSequence}`),
  );
}

export function effectiveEvents(events: readonly MatchEvent[]): MatchEvent[] {
  const voided = voidedSequences(events);
  return events.filter((e) => e.kind !== 'correction' && !voided.has(`${e.matchId}#${e.sequence}`));
}

const CARD_KINDS: Record<string, CardRecord['card'] | undefined> = {
  yellow_card: 'yellow',
  second_yellow: 'second_yellow',
  red_card: 'red',
};

export function cardsFrom(events: readonly MatchEvent[]): CardRecord[] {
  return effectiveEvents(events).flatMap((e) => {
    const card = CARD_KINDS[e.kind];
    return card && e.teamId && e.playerId ? [{ matchId: e.matchId, teamId: e.teamId, playerId: e.playerId, card }] : [];
  });
}

export function resultOf(match: Match): MatchResult | null {
  if (!isFinal(match) || !match.homeTeamId || !match.awayTeamId) return null;
  return {
    matchId: match.id,
    homeTeamId: match.homeTeamId,
    awayTeamId: match.awayTeamId,
    homeGoals: match.homeScore ?? 0,
    awayGoals: match.awayScore ?? 0,
    ...(match.forfeitedBy ? { forfeitedBy: match.forfeitedBy } : {}),
    ...(match.startsAt ? { playedAt: match.startsAt.toISOString() } : {}),
  };
}

function teamsIn(matches: readonly Match[]): string[] {
  const teams = new Set<string>();
  for (const m of matches) {
    if (m.homeTeamId) teams.add(m.homeTeamId);
    if (m.awayTeamId) teams.add(m.awayTeamId);
  }
  return [...teams].sort();
}

/**
 * League, group or Swiss tables of a tournament from its matches and their live events (cards for
 * fair play). Knockout matches do not count. Pure: the same input gives the same tables.
 */
export function standingsTables(
  tournament: Pick<Tournament, 'format' | 'rules' | 'lots' | 'swissByes'>,
  matches: readonly Match[],
  events: readonly MatchEvent[],
): StandingsTable[] {
  const tableMatches = matches.filter((m) => TABLE_STAGES.has(m.stage));
  const cards = cardsFrom(events);
  const lots = lotsOf(tournament);
  const byKey = new Map<string, Match[]>();
  for (const m of tableMatches) {
    const key = m.groupName ?? LEAGUE_TABLE;
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const tables: StandingsTable[] = [];
  for (const [key, group] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    const teamIds = teamsIn(group);
    const results = group.map(resultOf).filter((r): r is MatchResult => r !== null);
    const matchIds = new Set(group.map((m) => m.id));
    const standings: Standings =
      tournament.format === 'swiss'
        ? swissTable(teamIds, results, tournament)
        : computeStandings(
            {
              teamIds,
              results,
              cards: cards.filter((c) => matchIds.has(c.matchId)),
              ...(lots[key] ? { lots: { order: lots[key] } } : {}),
            },
            standingsRulesOf(tournament),
          );
    tables.push({ key, group: key === LEAGUE_TABLE ? null : key, ...standings });
  }
  return tables;
}

/** Swiss order: score (win 1, draw ½, bye 1), then Buchholz; the usual counts come along. */
function swissTable(
  teamIds: readonly string[],
  results: readonly MatchResult[],
  tournament: Pick<Tournament, 'rules' | 'swissByes'>,
): Standings & { rows: (StandingsRow & { score: number; buchholz: number })[] } {
  const byes = swissByesOf(tournament);
  const ranked = swissStandings(
    teamIds,
    results.map((r) => ({
      homeTeamId: r.homeTeamId,
      awayTeamId: r.awayTeamId,
      homeGoals: r.homeGoals,
      awayGoals: r.awayGoals,
    })),
    byes,
  );
  const table = tabulate(teamIds, results, rulesOf(tournament).points);
  return {
    rows: ranked.map((row, i) => ({
      ...table.get(row.teamId)!,
      position: i + 1,
      fairPlay: 0,
      score: row.score,
      buchholz: row.buchholz,
    })),
    unresolvedTies: [],
    tieBreaks: [],
  };
}
