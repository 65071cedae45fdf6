import { DomainError } from '@prodvor/platform';

export const ShareLinkErrorCode = {
  NOT_FOUND: 'SHARE_LINK_NOT_FOUND',
  EXPIRED: 'SHARE_LINK_EXPIRED',
  EXHAUSTED: 'SHARE_LINK_EXHAUSTED',
  REVOKED: 'SHARE_LINK_REVOKED',
  RANGE_NOT_SATISFIABLE: 'SHARE_RANGE_NOT_SATISFIABLE',
  LIMIT_TOO_HIGH: 'SHARE_LINK_LIMIT_TOO_HIGH',
} as const;

export const ShareLinkErrors = {
  notFound: () => new DomainError(ShareLinkErrorCode.NOT_FOUND, 404, 'Share link not found'),
  expired: () => new DomainError(ShareLinkErrorCode.EXPIRED, 410, 'This link has expired'),
  exhausted: () => new DomainError(ShareLinkErrorCode.EXHAUSTED, 410, 'This link has reached its download limit'),
  revoked: () => new DomainError(ShareLinkErrorCode.REVOKED, 410, 'This link was revoked'),
  limitTooHigh: (field: string, max: number) =>
    new DomainError(ShareLinkErrorCode.LIMIT_TOO_HIGH, 422, `${field} may be at most ${max}`),
};
