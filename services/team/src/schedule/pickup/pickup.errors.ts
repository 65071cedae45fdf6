import { DomainError } from '@prodvor/platform';

export const PickupErrorCode = {
  NOT_PICKUP: 'TEAM_EVENT_NOT_PICKUP',
  OCCURRENCE_ENDED: 'TEAM_EVENT_OCCURRENCE_ENDED',
  TOO_FEW_PLAYERS: 'TEAM_EVENT_TOO_FEW_PLAYERS',
  BALANCER_UNAVAILABLE: 'TEAM_EVENT_BALANCER_UNAVAILABLE',
  SIDES_NOT_SET: 'TEAM_EVENT_SIDES_NOT_SET',
  RESULT_TOO_EARLY: 'TEAM_EVENT_RESULT_TOO_EARLY',
  SCORER_NOT_ON_SIDE: 'TEAM_EVENT_SCORER_NOT_ON_SIDE',
  GOALS_OVER_SCORE: 'TEAM_EVENT_GOALS_OVER_SCORE',
  NOT_MEMBER: 'TEAM_EVENT_PICKUP_NOT_MEMBER',
} as const;

export const PickupErrors = {
  notPickup: () => new DomainError(PickupErrorCode.NOT_PICKUP, 422, 'Sides and results are for pickup events'),
  occurrenceEnded: () =>
    new DomainError(PickupErrorCode.OCCURRENCE_ENDED, 422, 'Sides are drawn before the occurrence ends'),
  tooFewPlayers: () =>
    new DomainError(PickupErrorCode.TOO_FEW_PLAYERS, 422, 'At least two members must be going to draw sides'),
  balancerUnavailable: () =>
    new DomainError(PickupErrorCode.BALANCER_UNAVAILABLE, 503, 'The balancer is unavailable; try again later'),
  sidesNotSet: () => new DomainError(PickupErrorCode.SIDES_NOT_SET, 409, 'The sides of this occurrence are not drawn'),
  resultTooEarly: () =>
    new DomainError(PickupErrorCode.RESULT_TOO_EARLY, 422, 'The result is recorded once the occurrence started'),
  scorerNotOnSide: () =>
    new DomainError(PickupErrorCode.SCORER_NOT_ON_SIDE, 422, 'Every scorer must be on a side of the occurrence'),
  goalsOverScore: () =>
    new DomainError(PickupErrorCode.GOALS_OVER_SCORE, 422, "A side's scorers have more goals than the side's score"),
  notMember: () => new DomainError(PickupErrorCode.NOT_MEMBER, 404, 'The user is not a member of the team'),
};
