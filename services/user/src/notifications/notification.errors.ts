import { DomainError } from '@prodvor/platform';

export const NotificationErrorCode = { NOT_FOUND: 'NOTIFICATION_NOT_FOUND' } as const;

export const NotificationErrors = {
  /** Also for someone else's notification: a stranger may not learn it exists. */
  notFound: () => new DomainError(NotificationErrorCode.NOT_FOUND, 404, 'Notification not found'),
};
