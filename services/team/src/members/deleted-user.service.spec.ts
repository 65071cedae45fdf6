import { strictFake } from '@prodvor/testing';
import type { Tx, TransactionRunner } from '../database/transaction-runner';
import type { Team, TeamMember } from '../teams/team.model';
import type { TeamPageCache } from '../teams/team-page.cache';
import type { TeamsRepository } from '../teams/teams.repository';
import { DeletedUserService } from './deleted-user.service';
import type { TeamMembersRepository } from './team-members.repository';
import type { Clock, EventPublisher } from '@prodvor/platform';

const event = { id: '0190f0a0-0000-7000-8000-00000000000e', correlationId: 'c', data: { userId: 'gone' } };

function setup(claimed: boolean, members: Partial<TeamMembersRepository>, log: string[]) {
  // claimInbox inserts the event id: one row means first delivery, none means already handled.
  const claim = async () => (claimed ? 1 : 0);
  const tx = strictFake<Tx>('tx', { $executeRawUnsafe: claim as unknown as Tx['$executeRawUnsafe'] });
  return new DeletedUserService(
    strictFake<TeamMembersRepository>('members', members),
    strictFake<TeamsRepository>('teams', {
      lockForUpdate: async (_tx, id) => ({ id, archivedAt: null }) as Team,
      archive: async (_tx, id) => (
        log.push(`archive ${id}`),
        { team: { id } as Team, revokedInvitations: [], rejectedRequests: [] }
      ),
    }),
    strictFake<TransactionRunner>('transactions', { run: (work) => work(tx) }),
    strictFake<EventPublisher>('events', { publish: async (_tx, type) => void log.push(type) }),
    strictFake<TeamPageCache>('cache', { invalidate: async () => undefined }),
    strictFake<Clock>('clock', { now: () => new Date(0) }),
  );
}

describe('DeletedUserService', () => {
  it('does nothing for an event it already handled', async () => {
    const log: string[] = [];
    await setup(false, {}, log).handle(event);
    expect(log).toEqual([]);
  });

  it('hands a captaincy to the successor, archives a team left empty, and forgets the user', async () => {
    const log: string[] = [];
    const captain = { role: 'captain' } as TeamMember;
    await setup(
      true,
      {
        teamIdsOf: async () => ['a', 'b'],
        find: async () => captain,
        remove: async (_tx, teamId) => void log.push(`remove ${teamId}`),
        successorOf: async (_tx, teamId) => (teamId === 'a' ? ({ userId: 'vice' } as TeamMember) : null),
        update: async (_tx, teamId, userId, changes) => (log.push(`${teamId}:${userId}->${changes.role}`), captain),
        forgetUser: async () => void log.push('forget'),
      },
      log,
    ).handle(event);
    expect(log).toEqual([
      'remove a',
      'team.member.left',
      'a:vice->captain',
      'team.captain.transferred',
      'remove b',
      'team.member.left',
      'archive b',
      'team.archived',
      'forget',
    ]);
  });
});
