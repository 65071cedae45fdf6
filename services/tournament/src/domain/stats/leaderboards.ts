export type StatEvent =
  | { type: 'goal'; matchId: string; teamId: string; playerId: string; assistPlayerId?: string; penalty?: boolean }
  /** `teamId` is the scorer's own team; the goal counts for the opponent. */
  | { type: 'own_goal'; matchId: string; teamId: string; playerId: string }
  | { type: 'card'; matchId: string; teamId: string; playerId: string; card: 'yellow' | 'second_yellow' | 'red' };

export interface Appearance {
  matchId: string;
  teamId: string;
  playerId: string;
  goalkeeper?: boolean;
}

export interface MatchScore {
  matchId: string;
  homeTeamId: string;
  awayTeamId: string;
  homeGoals: number;
  awayGoals: number;
}

export interface PlayerStats {
  playerId: string;
  teamId: string;
  matchesPlayed: number;
  goals: number;
  penaltyGoals: number;
  assists: number;
  ownGoals: number;
  yellowCards: number;
  /** Direct reds and second-yellow dismissals. */
  redCards: number;
  /** Matches as goalkeeper in which the team conceded nothing. */
  cleanSheets: number;
}

export type PlayerMetric = 'goals' | 'assists' | 'yellowCards' | 'redCards' | 'cleanSheets' | 'matchesPlayed';

export interface LeaderboardEntry {
  /** Shared on equal values (1, 2, 2, 4). */
  rank: number;
  playerId: string;
  teamId: string;
  value: number;
  matchesPlayed: number;
}

/** Per-player totals from appearances and events of confirmed matches. */
export function playerStats(
  events: readonly StatEvent[],
  appearances: readonly Appearance[],
  matches: readonly MatchScore[],
): PlayerStats[] {
  const stats = new Map<string, PlayerStats>();
  const played = new Map<string, Set<string>>();
  const get = (playerId: string, teamId: string, matchId: string) => {
    let s = stats.get(playerId);
    if (!s) {
      s = {
        playerId,
        teamId,
        matchesPlayed: 0,
        goals: 0,
        penaltyGoals: 0,
        assists: 0,
        ownGoals: 0,
        yellowCards: 0,
        redCards: 0,
        cleanSheets: 0,
      };
      stats.set(playerId, s);
      played.set(playerId, new Set());
    }
    played.get(playerId)!.add(matchId);
    return s;
  };
  const conceded = concededByTeam(matches);
  for (const a of appearances) {
    const s = get(a.playerId, a.teamId, a.matchId);
    if (a.goalkeeper && conceded.get(`${a.matchId}|${a.teamId}`) === 0) s.cleanSheets++;
  }
  for (const e of events) {
    const s = get(e.playerId, e.teamId, e.matchId);
    switch (e.type) {
      case 'goal':
        s.goals++;
        if (e.penalty) s.penaltyGoals++;
        if (e.assistPlayerId) get(e.assistPlayerId, e.teamId, e.matchId).assists++;
        break;
      case 'own_goal':
        s.ownGoals++;
        break;
      case 'card':
        if (e.card === 'yellow') s.yellowCards++;
        else s.redCards++;
        break;
    }
  }
  for (const s of stats.values()) s.matchesPlayed = played.get(s.playerId)!.size;
  return [...stats.values()];
}

/** Top players by one metric; zero values are left out. Ties: fewer matches first, then player id. */
export function leaderboard(stats: readonly PlayerStats[], metric: PlayerMetric, limit = 20): LeaderboardEntry[] {
  const sorted = stats
    .filter((s) => s[metric] > 0)
    .sort((a, b) => b[metric] - a[metric] || a.matchesPlayed - b.matchesPlayed || a.playerId.localeCompare(b.playerId));
  const entries: LeaderboardEntry[] = [];
  sorted.forEach((s, i) => {
    const rank = i > 0 && sorted[i - 1][metric] === s[metric] ? entries[i - 1].rank : i + 1;
    entries.push({ rank, playerId: s.playerId, teamId: s.teamId, value: s[metric], matchesPlayed: s.matchesPlayed });
  });
  return entries.slice(0, limit);
}

export interface TeamStats {
  teamId: string;
  played: number;
  won: number;
  drawn: number;
  lost: number;
  goalsFor: number;
  goalsAgainst: number;
  cleanSheets: number;
  failedToScore: number;
  yellowCards: number;
  redCards: number;
  biggestWin: { matchId: string; margin: number } | null;
}

export function teamStats(matches: readonly MatchScore[], events: readonly StatEvent[]): TeamStats[] {
  const stats = new Map<string, TeamStats>();
  const get = (teamId: string) => {
    let s = stats.get(teamId);
    if (!s) {
      s = {
        teamId,
        played: 0,
        won: 0,
        drawn: 0,
        lost: 0,
        goalsFor: 0,
        goalsAgainst: 0,
        cleanSheets: 0,
        failedToScore: 0,
        yellowCards: 0,
        redCards: 0,
        biggestWin: null,
      };
      stats.set(teamId, s);
    }
    return s;
  };
  for (const m of matches) {
    for (const [teamId, scored, against] of [
      [m.homeTeamId, m.homeGoals, m.awayGoals],
      [m.awayTeamId, m.awayGoals, m.homeGoals],
    ] as const) {
      const s = get(teamId);
      s.played++;
      s.goalsFor += scored;
      s.goalsAgainst += against;
      if (scored > against) s.won++;
      else if (scored === against) s.drawn++;
      else s.lost++;
      if (against === 0) s.cleanSheets++;
      if (scored === 0) s.failedToScore++;
      const margin = scored - against;
      if (margin > 0 && (!s.biggestWin || margin > s.biggestWin.margin)) s.biggestWin = { matchId: m.matchId, margin };
    }
  }
  for (const e of events) {
    if (e.type !== 'card') continue;
    const s = get(e.teamId);
    if (e.card === 'yellow') s.yellowCards++;
    else s.redCards++;
  }
  return [...stats.values()].sort((a, b) => a.teamId.localeCompare(b.teamId));
}

function concededByTeam(matches: readonly MatchScore[]): Map<string, number> {
  const conceded = new Map<string, number>();
  for (const m of matches) {
    conceded.set(`${m.matchId}|${m.homeTeamId}`, m.awayGoals);
    conceded.set(`${m.matchId}|${m.awayTeamId}`, m.homeGoals);
  }
  return conceded;
}
