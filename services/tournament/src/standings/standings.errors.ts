import { DomainError } from '@prodvor/platform';

export const StandingsErrorCode = {
  LOTS_ALREADY_DRAWN: 'STANDINGS_LOTS_ALREADY_DRAWN',
  NO_TIE_FOR_LOTS: 'STANDINGS_NO_TIE_FOR_LOTS',
} as const;

export const StandingsErrors = {
  lotsAlreadyDrawn: (table: string) =>
    new DomainError(
      StandingsErrorCode.LOTS_ALREADY_DRAWN,
      409,
      `Lots were already drawn for table '${table}'; a drawing is final`,
    ),
  noTieForLots: (table: string, detail: string) =>
    new DomainError(
      StandingsErrorCode.NO_TIE_FOR_LOTS,
      422,
      `No tie for lots to decide in table '${table}': ${detail}`,
    ),
};
