/** Where a knockout participant comes from before it is known. */
export type SlotSource =
  | { kind: 'seed'; seed: number }
  | { kind: 'entrant'; teamId: string }
  | { kind: 'winner'; matchId: string }
  | { kind: 'loser'; matchId: string }
  | { kind: 'bye' };

export type Stage =
  | 'league'
  | 'group'
  | 'knockout'
  | 'winners'
  | 'losers'
  | 'third_place'
  | 'grand_final'
  | 'grand_final_reset'
  | 'swiss';

/** A league-style fixture whose teams are known when it is generated. */
export interface Fixture {
  id: string;
  stage: Stage;
  round: number;
  /** 1 or 2 in a double round robin. */
  leg?: number;
  group?: string;
  homeTeamId: string;
  awayTeamId: string;
}

/** A team sitting out a round (odd counts in round robin / Swiss). */
export interface Bye {
  round: number;
  teamId: string;
  group?: string;
}

export function assertDistinctTeams(teamIds: readonly string[]): void {
  if (new Set(teamIds).size !== teamIds.length) throw new FormatError('DUPLICATE_TEAM', 'team ids must be distinct');
}

export type FormatErrorCode =
  | 'DUPLICATE_TEAM'
  | 'TOO_FEW_TEAMS'
  | 'INVALID_OPTION'
  | 'MATCH_NOT_FOUND'
  | 'MATCH_NOT_READY'
  | 'NOT_A_PARTICIPANT'
  | 'SWISS_NO_PAIRING';

export class FormatError extends Error {
  constructor(
    readonly code: FormatErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}
