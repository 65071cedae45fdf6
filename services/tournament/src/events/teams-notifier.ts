import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentNotificationsPublisher, type TournamentNotification } from './tournament-notifications.publisher';

/** Queues one notification for every member of the given teams (each user once), in the caller's transaction. */
@Injectable()
export class TeamsNotifier {
  constructor(
    private readonly teams: TeamViewsRepository,
    private readonly notifications: TournamentNotificationsPublisher,
  ) {}

  async notify(
    tx: Tx,
    teamIds: readonly string[],
    message: Pick<TournamentNotification, 'kind' | 'title' | 'body' | 'data'>,
  ): Promise<void> {
    if (teamIds.length === 0) return;
    const members = await this.teams.memberIds(teamIds, tx);
    await this.notifications.queue(
      tx,
      [...new Set([...members.values()].flat())].map((userId) => ({ userId, ...message })),
    );
  }
}
