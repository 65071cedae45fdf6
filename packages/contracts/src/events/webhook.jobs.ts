import { z } from 'zod';
import { id } from './common';

/**
 * Job: POST one stored webhook delivery to its subscriber (tournament-service to itself). The job names the
 * delivery only: the body, the target and the signing secrets are read when it is sent, so neither a
 * subscriber's secret nor a payload travels through the broker or the job outbox.
 */
export const webhookDeliverData = z.object({ deliveryId: id, subscriptionId: id }).strict();

export type WebhookDeliver = z.infer<typeof webhookDeliverData>;

/** Domain events a webhook subscription may choose (the names the platform publishes them under). */
export const webhookEventTypes = [
  'tournament.match.result_confirmed',
  'tournament.match.result_reported',
  'match.event.recorded',
  'tournament.team.registered',
  'tournament.team.approved',
  'tournament.team.rejected',
  'tournament.team.withdrawn',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
