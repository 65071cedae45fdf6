import type { EventPublisher } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';
import type { ArchivedTeam } from './teams.repository';

/**
 * `team.archived`, then what archiving closed, so a read model of open invitations and join requests
 * does not keep them: each pending invitation revoked, each pending join request rejected by `archivedBy`
 * (the captain who archived, or the departed last member whose account deletion left the team empty).
 */
export async function publishTeamArchived(
  events: EventPublisher,
  tx: Tx,
  archived: ArchivedTeam,
  archivedBy: string,
  correlationId: string,
): Promise<void> {
  const teamId = archived.team.id;
  await events.publish(tx, 'team.archived', { teamId }, correlationId);
  for (const invitation of archived.revokedInvitations)
    await events.publish(
      tx,
      'team.invitation.resolved',
      { teamId, invitationId: invitation.id, userId: invitation.userId, status: 'revoked' },
      correlationId,
    );
  for (const request of archived.rejectedRequests)
    await events.publish(
      tx,
      'team.join_request.decided',
      { teamId, requestId: request.id, userId: request.userId, status: 'rejected', decidedBy: archivedBy },
      correlationId,
    );
}
