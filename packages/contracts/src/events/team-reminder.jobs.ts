import { z } from 'zod';
import { isoUtcTimestamp } from '../envelope';
import { id } from './common';

/**
 * team-service's reminder of one occurrence of a team event, to itself: it waits in delay queues until
 * `dueAt`. `version` is the event's version it was computed from: an older one is stale.
 */
export const teamEventReminderDueData = z
  .object({
    eventId: id,
    teamId: id,
    occurrenceStart: isoUtcTimestamp,
    version: z.number().int().positive(),
    dueAt: isoUtcTimestamp,
  })
  .strict();

export type TeamEventReminderDue = z.infer<typeof teamEventReminderDueData>;
