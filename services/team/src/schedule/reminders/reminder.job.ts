import { createEnvelope, eventEnvelopeSchema, type EventEnvelope } from '@prodvor/contracts';
import { z } from 'zod';

export const REMINDER_JOB_TYPE = 'team.event.reminder_due';

/**
 * The reminder job: team-service's own, on its own exchange and queues (not a cross-service contract),
 * in the platform envelope so the job outbox can carry it. It names an occurrence and the event
 * version it was computed from: a job of an older version is stale (the event moved, changed its
 * reminder or was cancelled) and the consumer drops it.
 */
export const reminderDueData = z
  .object({
    eventId: z.string().uuid(),
    teamId: z.string().uuid(),
    occurrenceStart: z.string().datetime(),
    version: z.number().int().positive(),
    /** When the reminder is due; the job waits in the delay queues until then. */
    dueAt: z.string().datetime(),
  })
  .strict();

export const reminderJobSchema = eventEnvelopeSchema(REMINDER_JOB_TYPE, reminderDueData);

export type ReminderDue = z.infer<typeof reminderDueData>;
export type ReminderJob = EventEnvelope<typeof REMINDER_JOB_TYPE, ReminderDue>;

export function reminderJob(data: ReminderDue, correlationId: string, now: Date): ReminderJob {
  return createEnvelope({ type: REMINDER_JOB_TYPE, producer: 'team', subject: data.eventId, correlationId, data, now });
}

export const REMINDER_QUEUE = 'team.event-reminders';
export const REMINDER_EXCHANGE = 'team.reminders';
/** The work queue's binding: a job published with it is handled at once. */
export const REMINDER_ROUTING_KEY = 'team.event.reminder';

/**
 * Delays without the delayed-message plugin: a wait queue per step with a queue-wide TTL dead-letters
 * into the work queue. With one TTL per queue every message expires in arrival order (no message
 * with a short delay stuck behind a long one); the consumer sends a job that is not due yet back to
 * the longest step that does not overshoot, so a reminder days away takes a few hops.
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
