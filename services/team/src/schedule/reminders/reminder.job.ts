import {
  createEnvelope,
  envelopeSchemaFor,
  Exchanges,
  type MessageEnvelope,
  Queues,
  RoutingKeys,
  type TeamEventReminderDue,
} from '@prodvor/contracts';

/**
 * The reminder job (`team.event.reminder_due`, team-service to itself; schema in packages/contracts).
 * It names an occurrence and the event version it was computed from: a job of an older version is
 * stale (the event moved, changed its reminder or was cancelled) and the consumer drops it.
 */
export const reminderJobSchema = envelopeSchemaFor('team.event.reminder_due');
export type ReminderJob = MessageEnvelope<'team.event.reminder_due'>;

export function reminderJob(data: TeamEventReminderDue, correlationId: string, now: Date): ReminderJob {
  return createEnvelope({
    type: 'team.event.reminder_due',
    producer: 'team',
    subject: data.eventId,
    correlationId,
    data,
    now,
  });
}

export const REMINDER_QUEUE = Queues.teamEventReminders;
export const REMINDER_EXCHANGE = Exchanges.teamReminders;
/** The work queue's binding: a job published with it is handled at once. */
export const REMINDER_ROUTING_KEY = RoutingKeys.teamEventReminder;

/**
 * Delays without the delayed-message plugin: a wait queue per step with a queue-wide TTL dead-letters
 * into the work queue. With one TTL per queue every message expires in arrival order (no message
 * with a short delay stuck behind a long one); the consumer sends a job that is not due yet back to
 * the longest step that does not overshoot, so a reminder days away takes a few hops. The wait queues
 * are team-service's delay plumbing: it declares them itself (they are not in the RabbitMQ definitions).
 */
export const WAIT_STEPS_MS = [1_000, 10_000, 60_000, 600_000, 3_600_000, 21_600_000] as const;

export const waitQueueOf = (stepMs: number): string => `${REMINDER_QUEUE}.wait.${stepMs}`;
/** Each wait queue is bound to the reminder exchange with this routing key. */
export const waitRoutingKeyOf = (stepMs: number): string => `${REMINDER_ROUTING_KEY}.wait.${stepMs}`;

/** The longest step not beyond `remainingMs` (the shortest when less remains). */
export function waitStepFor(remainingMs: number): number {
  let step: number = WAIT_STEPS_MS[0];
  for (const candidate of WAIT_STEPS_MS) if (candidate <= remainingMs) step = candidate;
  return step;
}
