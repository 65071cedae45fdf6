import { Injectable, Logger } from '@nestjs/common';
import {
  claimInbox,
  Clock,
  EventPublisher,
  removeUserProfile,
  type UserDeletedEvent,
  type UserDeletedHandler,
} from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TeamPageCache } from '../teams/team-page.cache';
import { publishTeamArchived } from '../teams/team-archived.publisher';
import { TeamsRepository } from '../teams/teams.repository';
import { TeamMembersRepository } from './team-members.repository';

export const USER_DELETED_CONSUMER = 'team.user-deleted';

/**
 * Forgets a deleted account: leaves every roster (a captain hands over to the longest-serving
 * vice-captain, else the longest-serving player; a team left empty is archived) and drops the
 * user's open invitations and join requests, and their name and avatar (the profiles read model also drops
 * them when its own consumer reaches the event). Idempotent: the event id is claimed in the inbox in
 * the same transaction, so a redelivered event changes nothing.
 */
@Injectable()
export class DeletedUserService implements UserDeletedHandler {
  private readonly logger = new Logger(DeletedUserService.name);

  constructor(
    private readonly members: TeamMembersRepository,
    private readonly teams: TeamsRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly pageCache: TeamPageCache,
    private readonly clock: Clock,
  ) {}

  async handle(event: UserDeletedEvent): Promise<void> {
    const { userId } = event.data;
    const teamIds = await this.transactions.run(async (tx) => {
      if (!(await claimInbox(tx, USER_DELETED_CONSUMER, event.id))) return null;
      const affected = await this.members.teamIdsOf(tx, userId);
      // Ascending team id order: concurrent handlers lock teams in the same order and cannot deadlock.
      for (const teamId of affected) await this.leaveTeam(tx, teamId, userId, event.correlationId);
      await this.members.forgetUser(tx, userId);
      await removeUserProfile(tx, userId);
      return affected;
    });
    if (teamIds === null) {
      this.logger.log({ eventId: event.id }, 'user.deleted already handled');
      return;
    }
    await this.pageCache.invalidate(...teamIds);
  }

  private async leaveTeam(tx: Tx, teamId: string, userId: string, correlationId: string): Promise<void> {
    const team = await this.teams.lockForUpdate(tx, teamId);
    const member = await this.members.find(tx, teamId, userId);
    if (!team || !member) return;
    await this.members.remove(tx, teamId, userId);
    await this.events.publish(tx, 'team.member.left', { teamId, userId }, correlationId);
    if (member.role !== 'captain') return;
    const successor = await this.members.successorOf(tx, teamId, userId);
    if (successor) {
      await this.members.update(tx, teamId, successor.userId, { role: 'captain' });
      await this.events.publish(
        tx,
        'team.captain.transferred',
        { teamId, fromUserId: userId, toUserId: successor.userId },
        correlationId,
      );
    } else if (!team.archivedAt) {
      const archived = await this.teams.archive(tx, teamId, this.clock.now(), userId);
      await publishTeamArchived(this.events, tx, archived, userId, correlationId);
    }
  }
}
