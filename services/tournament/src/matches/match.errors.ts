import { DomainError } from '@prodvor/platform';

export const MatchErrorCode = {
  NOT_FOUND: 'MATCH_NOT_FOUND',
  NOT_ALLOWED: 'MATCH_NOT_ALLOWED',
  INVALID_STATE: 'MATCH_INVALID_STATE',
  INVALID_RESULT: 'MATCH_INVALID_RESULT',
  SCHEDULE_CONFLICT: 'MATCH_SCHEDULE_CONFLICT',
  OWN_REPORT: 'MATCH_OWN_REPORT',
  WINNER_REQUIRED: 'MATCH_WINNER_REQUIRED',
} as const;

export const MatchErrors = {
  notFound: () => new DomainError(MatchErrorCode.NOT_FOUND, 404, 'Match not found'),
  notAllowed: (detail: string) => new DomainError(MatchErrorCode.NOT_ALLOWED, 403, detail),
  invalidState: (status: string, action: string) =>
    new DomainError(MatchErrorCode.INVALID_STATE, 409, `A ${status} match cannot be ${action}`),
  invalidResult: (detail: string) => new DomainError(MatchErrorCode.INVALID_RESULT, 422, detail),
  scheduleConflict: (reason: string, detail: string, conflictingMatchId?: string) =>
    new DomainError(
      MatchErrorCode.SCHEDULE_CONFLICT,
      409,
      `${reason}: ${detail}${conflictingMatchId ? ` (match ${conflictingMatchId})` : ''}`,
    ),
  dependentsPlayed: (fixtureKeys: string[]) =>
    new DomainError(
      MatchErrorCode.INVALID_STATE,
      409,
      `The result cannot be reopened: later matches that depend on it were already played (${fixtureKeys.join(', ')})`,
    ),
  winnerRequired: () =>
    new DomainError(
      MatchErrorCode.WINNER_REQUIRED,
      422,
      'A knockout match level after play needs a winner: give the penalty shoot-out (homePenalties, awayPenalties) or winnerTeamId',
    ),
  ownReport: () =>
    new DomainError(MatchErrorCode.OWN_REPORT, 403, 'The reporting team cannot confirm or dispute its own report'),
};
