import { Injectable } from '@nestjs/common';
import type { TournamentNotification } from '../events/tournament-notifications.publisher';
import { TeamsNotifier } from '../events/teams-notifier';
import type { Tx } from '../database/transaction-runner';
import type { Match } from './match.model';

/** Queues one notification for every member of the teams playing a match, in the caller's transaction. */
@Injectable()
export class MatchTeamsNotifier {
  constructor(private readonly teams: TeamsNotifier) {}

  async notify(tx: Tx, match: Match, message: Pick<TournamentNotification, 'kind' | 'title' | 'body'>): Promise<void> {
    const teamIds = [match.homeTeamId, match.awayTeamId].filter((t): t is string => !!t);
    // `startsAt` (ISO, UTC) lets user-service render the time in each recipient's language and time zone.
    const data: Record<string, string> = { tournamentId: match.tournamentId, matchId: match.id };
    if (match.startsAt) data.startsAt = match.startsAt.toISOString();
    await this.teams.notify(tx, teamIds, { ...message, data });
  }
}
