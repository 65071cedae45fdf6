import { type Appearance, type MatchScore, type PlayerStats, type StatEvent } from '../domain';

/** A team's results over some matches: its side's goals against the other side's. */
export interface ResultRecord {
  matches: number;
  won: number;
  drawn: number;
  lost: number;
  goalsFor: number;
  goalsAgainst: number;
}

export const emptyRecord = (): ResultRecord => ({
  matches: 0,
  won: 0,
  drawn: 0,
  lost: 0,
  goalsFor: 0,
  goalsAgainst: 0,
});

/** Adds one match to `record` from the point of view of `teamId` (nothing if the team did not play it). */
function addMatch(record: ResultRecord, score: MatchScore, teamId: string): void {
  const home = score.homeTeamId === teamId;
  if (!home && score.awayTeamId !== teamId) return;
  const [own, other] = home ? [score.homeGoals, score.awayGoals] : [score.awayGoals, score.homeGoals];
  record.matches++;
  record.goalsFor += own;
  record.goalsAgainst += other;
  if (own > other) record.won++;
  else if (own < other) record.lost++;
  else record.drawn++;
}

/** The team's record over counted matches (a forfeit counts with its awarded score, as in the tables). */
export function teamRecord(teamId: string, scores: readonly MatchScore[]): ResultRecord {
  const record = emptyRecord();
  for (const score of scores) addMatch(record, score, teamId);
  return record;
}

export interface PlayerRecord extends ResultRecord {
  appearances: number;
  goals: number;
  assists: number;
  yellowCards: number;
  redCards: number;
  /** The team the player played most matches for, if any. */
  teamId: string | null;
}

/**
 * A player's record in one tournament: the counting stats as the leaderboards compute them (summed over
 * the teams the player played for) and the results of the matches the player played, each from the
 * side the player was on. `playedFor` maps a match to that side.
 */
export function playerRecord(
  stats: readonly PlayerStats[],
  scores: readonly MatchScore[],
  playedFor: ReadonlyMap<string, string>,
): PlayerRecord {
  const record: PlayerRecord = {
    ...emptyRecord(),
    appearances: 0,
    goals: 0,
    assists: 0,
    yellowCards: 0,
    redCards: 0,
    teamId: null,
  };
  let most = 0;
  for (const row of stats) {
    record.appearances += row.matchesPlayed;
    record.goals += row.goals;
    record.assists += row.assists;
    record.yellowCards += row.yellowCards;
    record.redCards += row.redCards;
    if (row.matchesPlayed > most || record.teamId === null) [most, record.teamId] = [row.matchesPlayed, row.teamId];
  }
  for (const score of scores) {
    const teamId = playedFor.get(score.matchId);
    if (teamId) addMatch(record, score, teamId);
  }
  return record;
}

/** Sums the numeric fields of records (the totals of a career). */
export function sumRecords<R extends ResultRecord>(records: readonly R[], zero: R): R {
  const total = { ...zero };
  for (const r of records)
    for (const key of Object.keys(total) as (keyof R)[])
      if (typeof total[key] === 'number') (total[key] as number) += r[key] as number;
  return total;
}

/**
 * The side the player was on in each match: from the lineups and substitutions, else from the player's
 * own events (a goal, an assist, a card; an own goal carries the scorer's own team).
 */
export function playedFor(
  userId: string,
  appearances: readonly Appearance[],
  events: readonly StatEvent[],
): Map<string, string> {
  const sides = new Map<string, string>();
  for (const e of events)
    if (e.playerId === userId || (e.type === 'goal' && e.assistPlayerId === userId)) sides.set(e.matchId, e.teamId);
  for (const a of appearances) if (a.playerId === userId) sides.set(a.matchId, a.teamId);
  return sides;
}
