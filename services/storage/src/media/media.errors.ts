import { DomainError } from '@prodvor/platform';

export const MediaErrorCode = {
  NOT_FOUND: 'MEDIA_NOT_FOUND',
  TYPE_NOT_ALLOWED: 'MEDIA_TYPE_NOT_ALLOWED',
  TOO_LARGE: 'MEDIA_TOO_LARGE',
  TYPE_MISMATCH: 'MEDIA_TYPE_MISMATCH',
  QUOTA_EXCEEDED: 'MEDIA_QUOTA_EXCEEDED',
  NOT_READY: 'MEDIA_NOT_READY',
  NOT_OWNER: 'MEDIA_NOT_OWNER',
  UNPROCESSABLE: 'MEDIA_UNPROCESSABLE',
} as const;

export const MediaErrors = {
  notFound: () => new DomainError(MediaErrorCode.NOT_FOUND, 404, 'Media not found'),
  typeNotAllowed: (purpose: string, contentType: string) =>
    new DomainError(MediaErrorCode.TYPE_NOT_ALLOWED, 415, `${contentType} is not accepted for ${purpose}`),
  tooLarge: (purpose: string, maxBytes: number) =>
    new DomainError(MediaErrorCode.TOO_LARGE, 413, `${purpose} files may be at most ${maxBytes} bytes`),
  typeMismatch: (declared: string, actual: string | undefined) =>
    new DomainError(
      MediaErrorCode.TYPE_MISMATCH,
      422,
      `The file is ${actual ?? 'of an unknown type'}, not the declared ${declared}`,
    ),
  quotaExceeded: () =>
    new DomainError(MediaErrorCode.QUOTA_EXCEEDED, 422, 'Storage quota exceeded (bytes or number of files)'),
  notOwner: () => new DomainError(MediaErrorCode.NOT_OWNER, 403, 'Only the owner may do this'),
  unprocessable: (reason: string) =>
    new DomainError(MediaErrorCode.UNPROCESSABLE, 422, `The image cannot be processed (${reason})`),
  notReady: () => new DomainError(MediaErrorCode.NOT_READY, 409, 'Media is not ready yet'),
};
