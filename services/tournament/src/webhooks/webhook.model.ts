import type { WebhookEventType } from '@prodvor/contracts';
import type { DeliveryStatus } from './dto/webhook-delivery.dto';

export type WebhookOwnerKind = 'tournament' | 'team';
export type WebhookStatus = 'active' | 'paused';

export interface WebhookOwner {
  kind: WebhookOwnerKind;
  id: string;
}

export interface WebhookSubscription {
  id: string;
  owner: WebhookOwner;
  createdBy: string;
  url: string;
  eventTypes: WebhookEventType[];
  description: string | null;
  status: WebhookStatus;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
}

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface DeliveryAttempt {
  attempt: number;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  nextAttemptAt: Date | null;
}

/** What one POST came to, as the delivery log records it. */
export interface AttemptOutcome {
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** Set when another attempt follows; null when it succeeded or this was the last one. */
  nextAttemptAt: Date | null;
  status: DeliveryStatus;
}
