import { Injectable } from '@nestjs/common';
import { claimInbox, removeUserProfile, type UserDeletedEvent, type UserDeletedHandler } from '@prodvor/platform';
import { TransactionRunner } from '../database/transaction-runner';
import { MatchesRepository } from '../matches/matches.repository';
import { TeamViewsRepository } from '../teams-view/team-views.repository';
import { TournamentCache } from '../tournaments/tournament-cache';

export const USER_DELETED_CONSUMER = 'tournament.user-deleted';

/**
 * A deleted account leaves every roster of the team read model (team-service announces the removals
 * too; this does not wait for them) and every referee assignment of a match still to be played.
 * Its public profile copy (name, avatar) goes too. Results, events and statistics keep the bare user
 * id: history stays, without a name. The event id is claimed in the inbox in the same transaction.
 */
@Injectable()
export class DeletedUserService implements UserDeletedHandler {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly teams: TeamViewsRepository,
    private readonly matches: MatchesRepository,
    private readonly cache: TournamentCache,
  ) {}

  async handle(event: UserDeletedEvent): Promise<void> {
    const { userId } = event.data;
    const touched = await this.transactions.run(async (tx) => {
      if (!(await claimInbox(tx, USER_DELETED_CONSUMER, event.id))) return [];
      await this.teams.removeUser(tx, userId);
      await removeUserProfile(tx, userId);
      return this.matches.unassignReferee(tx, userId);
    });
    for (const tournamentId of touched) await this.cache.invalidate(tournamentId);
  }
}
