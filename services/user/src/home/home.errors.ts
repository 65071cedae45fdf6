import { DomainError } from '@prodvor/platform';

export const HomeErrorCode = {
  WINDOW_INVALID: 'ME_WINDOW_INVALID',
} as const;

export const HomeErrors = {
  windowInvalid: (days: number) =>
    new DomainError(HomeErrorCode.WINDOW_INVALID, 400, `The window must have from < to and be at most ${days} days`, [
      { field: 'to', message: `must be after from and at most ${days} days after it` },
    ]),
};
