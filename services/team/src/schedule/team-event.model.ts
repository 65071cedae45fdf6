import type { Occurrence, WeeklyRule } from '@prodvor/contracts';

export type { Occurrence, WeeklyRule };

// What team-service's code knows of a team event, its occurrences and the answers to them. The
// schedule repositories map database rows onto these types, so no Prisma type leaves a repository.

export type TeamEventKind = 'training' | 'pickup' | 'friendly';
export const TEAM_EVENT_KINDS: readonly TeamEventKind[] = ['training', 'pickup', 'friendly'];

export type RsvpResponse = 'yes' | 'no' | 'maybe';
export const RSVP_RESPONSES: readonly RsvpResponse[] = ['yes', 'no', 'maybe'];

export interface TeamEvent {
  id: string;
  teamId: string;
  kind: TeamEventKind;
  title: string;
  venueName: string | null;
  venueAddress: string | null;
  notes: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  capacity: number | null;
  rsvpCloseMinutes: number;
  reminderMinutes: number | null;
  rule: WeeklyRule | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  version: number;
}

/** One occurrence moved or cancelled, named by its original start. */
export interface OccurrenceOverride {
  eventId: string;
  occurrenceStart: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  cancelled: boolean;
}

export interface TeamEventWithOverrides extends TeamEvent {
  overrides: OccurrenceOverride[];
}

export interface Rsvp {
  eventId: string;
  occurrenceStart: Date;
  userId: string;
  response: RsvpResponse;
  waitlisted: boolean;
  respondedAt: Date;
}

export interface AttendanceEntry {
  eventId: string;
  occurrenceStart: Date;
  userId: string;
  present: boolean;
  recordedBy: string;
  recordedAt: Date;
}
