import { consumedEvents, teamRosterEventTypes, type ConsumedEvent } from '@prodvor/contracts';

/** The team and tournament events the membership read model applies; other types are skipped. */
export const membershipEvents = consumedEvents([
  ...teamRosterEventTypes,
  'tournament.created',
  'tournament.updated',
  'tournament.cancelled',
  'tournament.team.approved',
  'tournament.team.rejected',
  'tournament.team.withdrawn',
  'tournament.match.scheduled',
  'tournament.match.rescheduled',
]);

export type MembershipEvent = ConsumedEvent<typeof membershipEvents>;
