// What the home view knows of teams, schedules and answers. The home repositories map database rows onto
// these types, so no Prisma type leaves a repository.
import type { OccurrenceOverride, WeeklyRule } from '@prodvor/contracts';

export interface HomeTeam {
  teamId: string;
  name: string;
  shortName: string | null;
  logoMediaId: string | null;
  archived: boolean;
}

/** One of a user's teams (not archived) with the user's role in it. */
export interface MyMembership {
  teamId: string;
  name: string;
  shortName: string | null;
  logoMediaId: string | null;
  role: string;
}

/** A team event as its latest snapshot (highest `version`) says. */
export interface HomeTeamEvent {
  eventId: string;
  teamId: string;
  version: number;
  kind: string;
  title: string;
  venueName: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  capacity: number | null;
  rsvpCloseMinutes: number;
  rule: WeeklyRule | null;
  overrides: OccurrenceOverride[];
  cancelled: boolean;
  /** The end of the series' last occurrence plus the largest shift an override may make. */
  seriesEndsAt: Date;
}

/** A member's latest answer to one occurrence (named by its original start). */
export interface HomeRsvp {
  eventId: string;
  occurrenceStart: Date;
  userId: string;
  response: string;
  waitlisted: boolean;
}

/** The roles team-service lets decide join requests (services/team/src/teams/team-policy.ts requireManager). */
export const JOIN_REQUEST_DECIDERS: readonly string[] = ['captain', 'vice_captain'];
