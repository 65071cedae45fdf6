import { DomainError } from '@prodvor/platform';

export const AttachmentErrorCode = {
  GRANTS_UNAVAILABLE: 'CHAT_MEDIA_GRANTS_UNAVAILABLE',
} as const;

export const AttachmentErrors = {
  grantsUnavailable: () =>
    new DomainError(
      AttachmentErrorCode.GRANTS_UNAVAILABLE,
      503,
      'Attachment grants are not configured on this instance (MEDIA_GRANT_SECRET)',
    ),
};
