import { z } from 'zod';
import { isoUtcTimestamp } from '../envelope';
import { id, shortText, teamFormat, teamRole } from './common';

export const teamCreatedData = z
  .object({
    teamId: id,
    name: shortText(80),
    shortName: z.string().max(12).optional(),
    city: z.string().max(80).optional(),
    format: teamFormat,
    captainId: id,
  })
  .strict();
export const teamUpdatedData = z
  .object({
    teamId: id,
    changes: z
      .object({
        name: shortText(80).optional(),
        shortName: z.string().max(12).optional(),
        city: z.string().max(80).optional(),
        format: teamFormat.optional(),
        recruiting: z.boolean().optional(),
        logoMediaId: id.nullable().optional(),
      })
      .strict(),
  })
  .strict();
export const teamArchivedData = z.object({ teamId: id }).strict();
export const teamMemberJoinedData = z.object({ teamId: id, userId: id, role: teamRole }).strict();
export const teamMemberLeftData = z.object({ teamId: id, userId: id }).strict();
export const teamMemberRemovedData = z.object({ teamId: id, userId: id, removedBy: id }).strict();
export const teamMemberRoleChangedData = z.object({ teamId: id, userId: id, role: teamRole }).strict();
export const teamCaptainTransferredData = z.object({ teamId: id, fromUserId: id, toUserId: id }).strict();

// Team events (trainings, pickups, friendlies) of a team's schedule; `occurrenceStart` names one
// occurrence of a recurring event by its original start (absent: the whole event or series).
export const teamEventKind = z.enum(['training', 'pickup', 'friendly']);
export const teamEventCreatedData = z
  .object({
    teamId: id,
    eventId: id,
    kind: teamEventKind,
    title: shortText(120),
    startsAt: isoUtcTimestamp,
    endsAt: isoUtcTimestamp,
    timeZone: shortText(64),
    recurring: z.boolean(),
    createdBy: id,
  })
  .strict();
export const teamEventUpdatedData = z
  .object({
    teamId: id,
    eventId: id,
    occurrenceStart: isoUtcTimestamp.optional(),
    /** Names of the fields that changed (e.g. `startsAt`, `venue`, `recurrence`). */
    fields: z.array(z.string().max(40)).max(20),
    updatedBy: id,
  })
  .strict();
export const teamEventCancelledData = z
  .object({ teamId: id, eventId: id, occurrenceStart: isoUtcTimestamp.optional(), cancelledBy: id })
  .strict();
export const teamEventRsvpChangedData = z
  .object({
    teamId: id,
    eventId: id,
    occurrenceStart: isoUtcTimestamp,
    userId: id,
    response: z.enum(['yes', 'no', 'maybe']),
    /** A "yes" beyond the capacity waits in line; false once promoted. */
    waitlisted: z.boolean(),
  })
  .strict();

export type TeamCreated = z.infer<typeof teamCreatedData>;
export type TeamMemberJoined = z.infer<typeof teamMemberJoinedData>;
export type TeamCaptainTransferred = z.infer<typeof teamCaptainTransferredData>;
