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
/** A local calendar date (YYYY-MM-DD) in the event's time zone. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a local date YYYY-MM-DD');
/** A weekly rule as RFC 5545 reads it: on these ISO weekdays (1 = Monday) every `intervalWeeks` weeks. */
export const teamEventWeeklyRule = z
  .object({
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    intervalWeeks: z.number().int().min(1).max(52),
    until: localDate.nullable(),
    count: z.number().int().min(1).max(1000).nullable(),
    skippedDates: z.array(localDate).max(1000),
  })
  .strict();
/** One occurrence moved or cancelled, named by its original start. */
export const teamEventOccurrenceOverride = z
  .object({
    occurrenceStart: isoUtcTimestamp,
    startsAt: isoUtcTimestamp.nullable(),
    endsAt: isoUtcTimestamp.nullable(),
    cancelled: z.boolean(),
  })
  .strict();
/**
 * The whole state of a team event after a change (event-carried state transfer), so a read model
 * elsewhere can expand its occurrences without asking team-service. `version` only grows: a consumer
 * keeps the highest it has seen.
 */
export const teamEventSnapshot = z
  .object({
    kind: teamEventKind,
    title: shortText(120),
    venueName: z.string().max(120).nullable(),
    startsAt: isoUtcTimestamp,
    endsAt: isoUtcTimestamp,
    timeZone: shortText(64),
    capacity: z.number().int().min(1).nullable(),
    /** Answers close this many minutes before each occurrence starts. */
    rsvpCloseMinutes: z.number().int().min(0),
    rule: teamEventWeeklyRule.nullable(),
    overrides: z.array(teamEventOccurrenceOverride).max(1000),
    cancelled: z.boolean(),
    version: z.number().int().min(1),
  })
  .strict();
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
    snapshot: teamEventSnapshot,
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
    snapshot: teamEventSnapshot,
  })
  .strict();
export const teamEventCancelledData = z
  .object({
    teamId: id,
    eventId: id,
    occurrenceStart: isoUtcTimestamp.optional(),
    cancelledBy: id,
    snapshot: teamEventSnapshot,
  })
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

// Invitations and join requests: what a player or a team's managers have to decide.
export const teamInvitationCreatedData = z
  .object({ teamId: id, invitationId: id, userId: id, invitedBy: id, expiresAt: isoUtcTimestamp })
  .strict();
export const teamInvitationResolvedData = z
  .object({ teamId: id, invitationId: id, userId: id, status: z.enum(['accepted', 'declined', 'revoked']) })
  .strict();
export const teamJoinRequestCreatedData = z
  .object({ teamId: id, requestId: id, userId: id, createdAt: isoUtcTimestamp })
  .strict();
export const teamJoinRequestDecidedData = z
  .object({
    teamId: id,
    requestId: id,
    userId: id,
    status: z.enum(['approved', 'rejected', 'withdrawn']),
    decidedBy: id,
  })
  .strict();

export type TeamCreated = z.infer<typeof teamCreatedData>;
export type TeamMemberJoined = z.infer<typeof teamMemberJoinedData>;
export type TeamCaptainTransferred = z.infer<typeof teamCaptainTransferredData>;
export type TeamEventSnapshot = z.infer<typeof teamEventSnapshot>;
