import { Injectable } from '@nestjs/common';
import { PendingNotifications, type TournamentNotification } from '../events/pending-notifications';
import type { Tx } from '../database/transaction-runner';
import type { Match } from '../generated/prisma/client';
import { TeamViewsRepository } from '../teams-view/team-views.repository';

/** Queues one notification for every member of the teams playing a match, in the caller's transaction. */
@Injectable()
export class MatchTeamsNotifier {
  constructor(
    private readonly teams: TeamViewsRepository,
    private readonly notifications: PendingNotifications,
  ) {}

  async notify(tx: Tx, match: Match, message: Pick<TournamentNotification, 'kind' | 'title' | 'body'>): Promise<void> {
    const teamIds = [match.homeTeamId, match.awayTeamId].filter((t): t is string => !!t);
    const members = await this.teams.memberIds(teamIds, tx);
    await this.notifications.add(
      tx,
      [...new Set([...members.values()].flat())].map((userId) => ({
        userId,
        ...message,
        data: { tournamentId: match.tournamentId, matchId: match.id },
      })),
    );
  }
}
