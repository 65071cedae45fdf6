import { DomainError } from '@prodvor/platform';

export const WebhookErrorCode = {
  NOT_FOUND: 'WEBHOOK_NOT_FOUND',
  DELIVERY_NOT_FOUND: 'WEBHOOK_DELIVERY_NOT_FOUND',
  NOT_CAPTAIN: 'WEBHOOK_NOT_CAPTAIN',
  OWNER_REQUIRED: 'WEBHOOK_OWNER_REQUIRED',
  INVALID_URL: 'WEBHOOK_INVALID_URL',
  FORBIDDEN_TARGET: 'WEBHOOK_FORBIDDEN_TARGET',
  UNRESOLVABLE_TARGET: 'WEBHOOK_UNRESOLVABLE_TARGET',
  LIMIT_REACHED: 'WEBHOOK_LIMIT_REACHED',
  DELIVERY_IN_PROGRESS: 'WEBHOOK_DELIVERY_IN_PROGRESS',
  IDEMPOTENCY_KEY_REUSED: 'WEBHOOK_IDEMPOTENCY_KEY_REUSED',
} as const;

export const WebhookErrors = {
  notFound: () => new DomainError(WebhookErrorCode.NOT_FOUND, 404, 'Webhook subscription not found'),
  deliveryNotFound: () => new DomainError(WebhookErrorCode.DELIVERY_NOT_FOUND, 404, 'Webhook delivery not found'),
  notCaptain: () =>
    new DomainError(WebhookErrorCode.NOT_CAPTAIN, 403, 'Only the captain of the team may manage its webhooks'),
  ownerRequired: () =>
    new DomainError(WebhookErrorCode.OWNER_REQUIRED, 400, 'Name exactly one of tournamentId and teamId', [
      { field: 'tournamentId', message: 'exactly one of tournamentId and teamId' },
    ]),
  invalidUrl: (detail: string) =>
    new DomainError(WebhookErrorCode.INVALID_URL, 400, `The webhook URL is not accepted: ${detail}`, [
      { field: 'url', message: detail },
    ]),
  forbiddenTarget: () =>
    new DomainError(
      WebhookErrorCode.FORBIDDEN_TARGET,
      422,
      'The webhook URL must name a public host (private, loopback, link-local and metadata addresses are refused)',
    ),
  unresolvableTarget: () =>
    new DomainError(WebhookErrorCode.UNRESOLVABLE_TARGET, 422, 'The host of the webhook URL does not resolve'),
  limitReached: (max: number) =>
    new DomainError(WebhookErrorCode.LIMIT_REACHED, 409, `A tournament or team holds at most ${max} webhooks`),
  idempotencyKeyReused: () =>
    new DomainError(
      WebhookErrorCode.IDEMPOTENCY_KEY_REUSED,
      422,
      'Idempotency-Key was already used for a different webhook',
    ),
  deliveryInProgress: () =>
    new DomainError(
      WebhookErrorCode.DELIVERY_IN_PROGRESS,
      409,
      'The delivery is still being attempted; replay it once it succeeded or was dead-lettered',
    ),
};
