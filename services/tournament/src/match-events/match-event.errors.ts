import { DomainError } from '@prodvor/platform';

export const MatchEventErrorCode = {
  NOT_RECORDER: 'MATCH_EVENT_NOT_RECORDER',
  INVALID_STATE: 'MATCH_EVENT_INVALID_STATE',
  REJECTED: 'MATCH_EVENT_REJECTED',
  NOT_LINEUP_EDITOR: 'MATCH_LINEUP_NOT_ALLOWED',
  NOT_ON_ROSTER: 'MATCH_LINEUP_NOT_ON_ROSTER',
} as const;

export const MatchEventErrors = {
  notRecorder: () =>
    new DomainError(MatchEventErrorCode.NOT_RECORDER, 403, "Only the organizer or the match's referee records events"),
  invalidState: (detail: string) => new DomainError(MatchEventErrorCode.INVALID_STATE, 409, detail),
  rejected: (detail: string) => new DomainError(MatchEventErrorCode.REJECTED, 422, detail),
  notLineupEditor: () =>
    new DomainError(
      MatchEventErrorCode.NOT_LINEUP_EDITOR,
      403,
      "Only the team's captain, the organizer or the referee sets a lineup",
    ),
  notOnRoster: (playerId: string) =>
    new DomainError(MatchEventErrorCode.NOT_ON_ROSTER, 422, `Player ${playerId} is not on the team's roster`),
};
