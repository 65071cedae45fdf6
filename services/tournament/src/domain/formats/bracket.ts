import { FormatError, type SlotSource, type Stage } from './fixture';

export type BracketMatchStatus =
  /** A participant is not known yet. */
  | 'pending'
  /** Both teams known, no result. */
  | 'ready'
  | 'decided'
  /** One side is a bye: the other side advances without playing. */
  | 'walkover'
  /** Nobody to play (bye vs bye) or a grand-final reset that is not needed. */
  | 'void';

export interface BracketMatch {
  id: string;
  stage: Stage;
  round: number;
  /** 0-based order within its stage and round, top to bottom. */
  position: number;
  home: SlotSource;
  away: SlotSource;
  homeTeamId: string | null;
  awayTeamId: string | null;
  winnerId: string | null;
  loserId: string | null;
  status: BracketMatchStatus;
  /** Where the winner / loser go next (derived from the sources, kept for readers of the data). */
  winnerTo?: { matchId: string; side: 'home' | 'away' };
  loserTo?: { matchId: string; side: 'home' | 'away' };
  /** Played only when the given match was won by the team on the given side (grand-final reset). */
  playIf?: { matchId: string; wonBy: 'home' | 'away' };
}

export interface Bracket {
  kind: 'single_elimination' | 'double_elimination';
  /** Entrants by seed (index 0 = seed 1); null while not known yet (e.g. group places to be decided). */
  entrants: (string | null)[];
  /** Labels of the seeds when they are placeholders, e.g. 'A1', 'B2'. */
  seedLabels?: string[];
  /** Matches in dependency order: every source refers to an earlier match. */
  matches: BracketMatch[];
  /**
   * Teams that withdrew after the start. A match of theirs without a result becomes a walkover for
   * the opponent as soon as the opponent is known, and a withdrawn loser is a bye where it would
   * drop (it never re-enters a losers bracket).
   */
  withdrawn?: string[];
}

const BYE = Symbol('bye');
type Side = string | typeof BYE | null;

/** Builds a match skeleton; participants are filled by {@link resolveBracket}. */
export function newMatch(
  id: string,
  stage: Stage,
  round: number,
  position: number,
  home: SlotSource,
  away: SlotSource,
): BracketMatch {
  return {
    id,
    stage,
    round,
    position,
    home,
    away,
    homeTeamId: null,
    awayTeamId: null,
    winnerId: null,
    loserId: null,
    status: 'pending',
  };
}

/** Fills `winnerTo` / `loserTo` from the sources. */
export function linkMatches(matches: BracketMatch[]): void {
  const byId = new Map(matches.map((m) => [m.id, m]));
  for (const m of matches) {
    for (const side of ['home', 'away'] as const) {
      const src = m[side];
      if (src.kind === 'winner') byId.get(src.matchId)!.winnerTo = { matchId: m.id, side };
      if (src.kind === 'loser') byId.get(src.matchId)!.loserTo = { matchId: m.id, side };
    }
  }
}

/**
 * Recomputes every participant from seeds and recorded winners. A recorded result survives only if
 * the match still has exactly the same two participants as in `previous`, so changing an earlier
 * result clears everything downstream that depended on it.
 */
export function resolveBracket(bracket: Bracket, previous: Bracket = bracket): Bracket {
  const outcome = new Map<string, { winner: Side; loser: Side; home: Side; away: Side }>();
  const before = new Map(previous.matches.map((m) => [m.id, m]));
  const withdrawn = new Set(bracket.withdrawn ?? []);
  const gone = (side: Side) => typeof side === 'string' && withdrawn.has(side);
  const matches = bracket.matches.map((template) => {
    const m: BracketMatch = { ...template, winnerId: null, loserId: null };
    const home = sourceValue(m.home, bracket, outcome);
    const away = sourceValue(m.away, bracket, outcome);
    m.homeTeamId = typeof home === 'string' ? home : null;
    m.awayTeamId = typeof away === 'string' ? away : null;
    const old = before.get(m.id);
    const sameTeams = old !== undefined && old.homeTeamId === m.homeTeamId && old.awayTeamId === m.awayTeamId;
    const recorded = sameTeams ? template.winnerId : null;
    const gate = m.playIf ? outcome.get(m.playIf.matchId) : undefined;
    let winner: Side = null;
    let loser: Side = null;

    if (home === null || away === null || (gate !== undefined && gate.winner === null)) {
      m.status = 'pending';
    } else if (gate !== undefined && gate.winner !== gate[m.playIf!.wonBy]) {
      m.status = 'void';
    } else if (home === BYE || away === BYE) {
      winner = home === BYE ? away : home;
      loser = BYE;
      m.status = winner === BYE ? 'void' : 'walkover';
      m.winnerId = typeof winner === 'string' ? winner : null;
    } else if (recorded === home || recorded === away) {
      m.status = 'decided';
      winner = recorded;
      loser = recorded === home ? away : home;
      m.winnerId = winner;
      m.loserId = loser;
      if (gone(loser)) loser = BYE;
    } else if (gone(home) || gone(away)) {
      // A withdrawn team gives the match away; if both withdrew nobody goes through.
      winner = gone(home) ? (gone(away) ? BYE : away) : home;
      loser = BYE;
      m.status = winner === BYE ? 'void' : 'walkover';
      m.winnerId = typeof winner === 'string' ? winner : null;
      m.loserId = gone(home) ? home : away;
    } else {
      m.status = 'ready';
    }
    outcome.set(m.id, { winner, loser, home, away });
    return m;
  });
  return { ...bracket, matches };
}

function sourceValue(src: SlotSource, bracket: Bracket, outcome: Map<string, { winner: Side; loser: Side }>): Side {
  switch (src.kind) {
    case 'bye':
      return BYE;
    case 'entrant':
      return src.teamId;
    case 'seed':
      return src.seed > bracket.entrants.length ? BYE : bracket.entrants[src.seed - 1];
    case 'winner':
      return outcome.get(src.matchId)?.winner ?? null;
    case 'loser':
      return outcome.get(src.matchId)?.loser ?? null;
  }
}

/**
 * Records `winnerId` as the winner of a match that is ready (or re-records a decided one) and
 * returns the updated bracket. Re-recording a different winner reopens the match: downstream
 * results whose participants change are cleared.
 */
export function advance(bracket: Bracket, matchId: string, winnerId: string): Bracket {
  const match = findMatch(bracket, matchId);
  if (match.status !== 'ready' && match.status !== 'decided') {
    throw new FormatError('MATCH_NOT_READY', `match ${matchId} is ${match.status}`);
  }
  if (winnerId !== match.homeTeamId && winnerId !== match.awayTeamId) {
    throw new FormatError('NOT_A_PARTICIPANT', `${winnerId} does not play in match ${matchId}`);
  }
  const updated = { ...bracket, matches: bracket.matches.map((m) => (m.id === matchId ? { ...m, winnerId } : m)) };
  return resolveBracket(updated, bracket);
}

/** Removes the result of a decided match (and, through resolution, everything that depended on it). */
export function reopen(bracket: Bracket, matchId: string): Bracket {
  const match = findMatch(bracket, matchId);
  if (match.status !== 'decided') throw new FormatError('MATCH_NOT_READY', `match ${matchId} has no result`);
  const cleared = {
    ...bracket,
    matches: bracket.matches.map((m) => (m.id === matchId ? { ...m, winnerId: null } : m)),
  };
  return resolveBracket(cleared, bracket);
}

/** Records a team's withdrawal: its matches without a result go to their opponents from now on. */
export function withdrawFromBracket(bracket: Bracket, teamId: string): Bracket {
  const withdrawn = [...new Set([...(bracket.withdrawn ?? []), teamId])];
  return resolveBracket({ ...bracket, withdrawn }, bracket);
}

/** Puts entrants into seed places that were placeholders (e.g. group winners once groups finish). */
export function seedBracket(bracket: Bracket, entrants: (string | null)[]): Bracket {
  if (entrants.length !== bracket.entrants.length) {
    throw new FormatError('INVALID_OPTION', `expected ${bracket.entrants.length} entrants`);
  }
  return resolveBracket({ ...bracket, entrants: [...entrants] }, bracket);
}

export function findMatch(bracket: Bracket, matchId: string): BracketMatch {
  const match = bracket.matches.find((m) => m.id === matchId);
  if (!match) throw new FormatError('MATCH_NOT_FOUND', `no match ${matchId}`);
  return match;
}

/** The tournament winner once the last needed match is decided, else null. */
export function bracketChampion(bracket: Bracket): string | null {
  const finals = bracket.matches.filter((m) => m.winnerTo === undefined && m.stage !== 'third_place');
  const reset = finals.find((m) => m.stage === 'grand_final_reset');
  if (reset && reset.status !== 'void') return reset.winnerId;
  const final = finals.find((m) => m.stage === 'grand_final') ?? finals.find((m) => m.stage !== 'grand_final_reset');
  return final?.winnerId ?? null;
}

/** Matches that are actually played (two real teams), e.g. for counting and scheduling. */
export function playableMatches(bracket: Bracket): BracketMatch[] {
  return bracket.matches.filter((m) => m.status === 'ready' || m.status === 'decided');
}
