/** A finished match as standings need it. `forfeitedBy` marks an awarded result (score as awarded). */
export interface MatchResult {
  matchId: string;
  homeTeamId: string;
  awayTeamId: string;
  homeGoals: number;
  awayGoals: number;
  forfeitedBy?: string;
  /** Chronological order for form; falls back to input order. */
  playedAt?: string;
}

export interface PointsRule {
  win: number;
  draw: number;
  loss: number;
  /** Points for the team that forfeited (e.g. 0, or −1 in some amateur leagues). */
  forfeit: number;
}

export const DEFAULT_POINTS: PointsRule = { win: 3, draw: 1, loss: 0, forfeit: 0 };

export type FormLetter = 'W' | 'D' | 'L';

export interface TableRow {
  teamId: string;
  played: number;
  won: number;
  drawn: number;
  lost: number;
  goalsFor: number;
  goalsAgainst: number;
  goalDifference: number;
  awayGoals: number;
  points: number;
  /** Last five results, oldest first. */
  form: FormLetter[];
}

/** Aggregates results into unordered rows, one per team (teams without results get zeros). */
export function tabulate(
  teamIds: readonly string[],
  results: readonly MatchResult[],
  points: PointsRule = DEFAULT_POINTS,
): Map<string, TableRow> {
  const rows = new Map<string, TableRow>();
  for (const teamId of teamIds) rows.set(teamId, emptyRow(teamId));
  const ordered = results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.playedAt ?? '').localeCompare(b.r.playedAt ?? '') || a.i - b.i);
  for (const { r } of ordered) {
    const home = rows.get(r.homeTeamId);
    const away = rows.get(r.awayTeamId);
    if (!home || !away) continue;
    record(home, r.homeGoals, r.awayGoals, false, r.forfeitedBy === r.homeTeamId, points);
    record(away, r.awayGoals, r.homeGoals, true, r.forfeitedBy === r.awayTeamId, points);
  }
  return rows;
}

function record(row: TableRow, scored: number, conceded: number, away: boolean, forfeited: boolean, pts: PointsRule) {
  row.played++;
  row.goalsFor += scored;
  row.goalsAgainst += conceded;
  row.goalDifference = row.goalsFor - row.goalsAgainst;
  if (away) row.awayGoals += scored;
  let letter: FormLetter;
  if (forfeited) {
    row.lost++;
    row.points += pts.forfeit;
    letter = 'L';
  } else if (scored > conceded) {
    row.won++;
    row.points += pts.win;
    letter = 'W';
  } else if (scored === conceded) {
    row.drawn++;
    row.points += pts.draw;
    letter = 'D';
  } else {
    row.lost++;
    row.points += pts.loss;
    letter = 'L';
  }
  row.form = [...row.form, letter].slice(-5);
}

function emptyRow(teamId: string): TableRow {
  return {
    teamId,
    played: 0,
    won: 0,
    drawn: 0,
    lost: 0,
    goalsFor: 0,
    goalsAgainst: 0,
    goalDifference: 0,
    awayGoals: 0,
    points: 0,
    form: [],
  };
}
