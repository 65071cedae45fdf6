import { z } from 'zod';
import { isoUtcTimestamp } from '../envelope';
import { id, shortText, visibility } from './common';

export const tournamentFormat = z.enum([
  'round_robin',
  'double_round_robin',
  'single_elimination',
  'double_elimination',
  'groups_playoffs',
  'swiss',
]);

export const tournamentCreatedData = z
  .object({ tournamentId: id, organizerId: id, name: shortText(120), visibility, format: tournamentFormat })
  .strict();
/** The tournament as it is after an organizer's change: what readers decide visibility and titles by. */
export const tournamentUpdatedData = z.object({ tournamentId: id, name: shortText(120), visibility }).strict();
export const tournamentCancelledData = z.object({ tournamentId: id }).strict();
const tournamentTeamData = z.object({ tournamentId: id, teamId: id }).strict();
export const tournamentTeamRegisteredData = tournamentTeamData;
export const tournamentTeamApprovedData = tournamentTeamData;
export const tournamentTeamRejectedData = tournamentTeamData;
export const tournamentTeamWithdrawnData = tournamentTeamData;
export const tournamentFixturesPublishedData = z
  .object({ tournamentId: id, matchIds: z.array(id).max(10_000) })
  .strict();
export const tournamentMatchScheduledData = z
  .object({
    tournamentId: id,
    matchId: id,
    homeTeamId: id.optional(),
    awayTeamId: id.optional(),
    startsAt: isoUtcTimestamp.optional(),
    venueId: id.optional(),
    pitch: z.string().max(40).optional(),
  })
  .strict();
export const tournamentMatchRescheduledData = tournamentMatchScheduledData
  .extend({ previousStartsAt: isoUtcTimestamp.optional() })
  .strict();
export const tournamentMatchResultConfirmedData = z
  .object({
    tournamentId: id,
    matchId: id,
    homeTeamId: id,
    awayTeamId: id,
    homeScore: z.number().int().min(0).max(999),
    awayScore: z.number().int().min(0).max(999),
    outcome: z.enum(['home_win', 'away_win', 'draw', 'home_forfeit', 'away_forfeit']),
    /** A knockout match level after play: the shoot-out that decided it. */
    homePenalties: z.number().int().min(0).max(99).optional(),
    awayPenalties: z.number().int().min(0).max(99).optional(),
  })
  .strict();
/**
 * A result waits for confirmation before `confirmBy`: a captain reported it (the opposing team's captain
 * confirms or disputes), or the final whistle was recorded live (`reportedByTeamId` null: either captain).
 */
export const tournamentMatchResultReportedData = z
  .object({
    tournamentId: id,
    matchId: id,
    homeTeamId: id,
    awayTeamId: id,
    homeScore: z.number().int().min(0).max(999),
    awayScore: z.number().int().min(0).max(999),
    reportedByTeamId: id.nullable(),
    confirmBy: isoUtcTimestamp,
  })
  .strict();
export const tournamentMatchResultDisputedData = z
  .object({ tournamentId: id, matchId: id, homeTeamId: id, awayTeamId: id, disputedByTeamId: id })
  .strict();
/** The organizer reopened a final result: the match is to be played or reported again. */
export const tournamentMatchResultReopenedData = z
  .object({ tournamentId: id, matchId: id, homeTeamId: id, awayTeamId: id })
  .strict();
export const tournamentStandingsChangedData = z
  .object({
    tournamentId: id,
    groupId: id.optional(),
    /** The group's name (e.g. 'A') in a groups + playoffs tournament; absent for a league table. */
    group: z.string().min(1).max(10).optional(),
  })
  .strict();

export type TournamentMatchResultConfirmed = z.infer<typeof tournamentMatchResultConfirmedData>;
