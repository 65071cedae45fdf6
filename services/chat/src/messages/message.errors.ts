import { DomainError } from '@prodvor/platform';

export const MessageErrorCode = {
  NOT_FOUND: 'CHAT_MESSAGE_NOT_FOUND',
  NOT_AUTHOR: 'CHAT_NOT_AUTHOR',
  DELETED: 'CHAT_MESSAGE_DELETED',
  EMPTY: 'CHAT_MESSAGE_EMPTY',
  INVALID: 'CHAT_INVALID_PAYLOAD',
  MUTED: 'CHAT_MUTED',
  RATE_LIMITED: 'CHAT_RATE_LIMITED',
  UNAVAILABLE: 'CHAT_UNAVAILABLE',
  ATTACHMENT_NOT_OWNED: 'CHAT_ATTACHMENT_NOT_OWNED',
  ALREADY_REPORTED: 'CHAT_ALREADY_REPORTED',
} as const;

export const MessageErrors = {
  /** Also for messages of rooms the caller may not read. */
  notFound: () => new DomainError(MessageErrorCode.NOT_FOUND, 404, 'Message not found'),
  notAuthor: () => new DomainError(MessageErrorCode.NOT_AUTHOR, 403, 'Only the author may edit this message'),
  deleted: () => new DomainError(MessageErrorCode.DELETED, 410, 'Message was deleted'),
  empty: () => new DomainError(MessageErrorCode.EMPTY, 400, 'A message needs text or an attachment'),
  muted: (until: string) => new DomainError(MessageErrorCode.MUTED, 403, `You are muted in this room until ${until}`),
  rateLimited: () => new DomainError(MessageErrorCode.RATE_LIMITED, 429, 'Too many messages, slow down'),
  attachmentNotOwned: () =>
    new DomainError(
      MessageErrorCode.ATTACHMENT_NOT_OWNED,
      422,
      'Attachments must be media you uploaded (and storage has processed)',
    ),
  unavailable: () => new DomainError(MessageErrorCode.UNAVAILABLE, 503, 'Message could not be accepted, retry'),
};
