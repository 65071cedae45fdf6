import {
  AppConfig,
  type Clock,
  DomainError,
  type EventPublisher,
  type IdGenerator,
  People,
  type UserProfiles,
} from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { TeamConfig } from '../config/team.config';
import type { Tx, TransactionRunner } from '../database/transaction-runner';
import type { TeamNotificationsPublisher } from '../events/team-notifications.publisher';
import type { Invitation } from './invitation.model';
import type { Team } from '../teams/team.model';
import type { RosterService } from '../members/roster.service';
import type { TeamMembersRepository } from '../members/team-members.repository';
import type { TeamPageCache } from '../teams/team-page.cache';
import type { TeamPolicy } from '../teams/team-policy';
import { InvitationsService } from './invitations.service';
import type { InvitationsRepository } from './invitations.repository';

const NOW = new Date('2026-11-23T12:00:00Z');
const team = { id: 'team', name: 'Dvor', format: '5x5', archivedAt: null } as Team;
const pending: Invitation = {
  id: 'inv',
  teamId: 'team',
  userId: 'invitee',
  invitedBy: 'captain',
  status: 'pending',
  expiresAt: new Date(NOW.getTime() + 3_600_000),
  createdAt: NOW,
  respondedAt: null,
};

function setup(
  invitation: Invitation,
  now: Date,
  overrides: {
    roster?: Partial<RosterService>;
    invitations?: Partial<InvitationsRepository>;
    events?: Partial<EventPublisher>;
  } = {},
) {
  const config = new AppConfig<TeamConfig>({ INVITATION_TTL_HOURS: 168 } as TeamConfig, strictFake('schema'));
  return new InvitationsService(
    strictFake<InvitationsRepository>('invitations', { findById: async () => invitation, ...overrides.invitations }),
    strictFake<TeamMembersRepository>('members'),
    strictFake<RosterService>('roster', overrides.roster),
    strictFake<TeamPolicy>('policy', { lockActiveTeam: async () => team }),
    strictFake<TransactionRunner>('transactions', { run: (work) => work(strictFake<Tx>('tx')) }),
    strictFake<TeamNotificationsPublisher>('notifications'),
    strictFake<EventPublisher>('events', overrides.events),
    strictFake<TeamPageCache>('cache', { invalidate: async () => undefined }),
    strictFake<UserProfiles>('profiles', { people: async () => new People(new Map()) }),
    strictFake<Clock>('clock', { now: () => now }),
    strictFake<IdGenerator>('ids'),
    config,
  );
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

describe('InvitationsService', () => {
  const invitee = { userId: 'invitee', roles: [], correlationId: 'c' };

  it("answers someone else's invitation as not found, before touching the team", async () => {
    const service = setup(pending, NOW);
    expect(await codeOf(service.accept({ userId: 'stranger', roles: [], correlationId: 'c' }, 'inv'))).toBe(
      'INVITATION_NOT_FOUND',
    );
  });

  it('refuses an invitation whose expiry has passed on the injected clock, without joining', async () => {
    const later = new Date(pending.expiresAt.getTime() + 1);
    expect(await codeOf(setup(pending, later).accept(invitee, 'inv'))).toBe('INVITATION_EXPIRED');
    expect(await codeOf(setup(pending, later).decline(invitee, 'inv'))).toBe('INVITATION_EXPIRED');
  });

  it('joins the roster, marks the invitation accepted and publishes that it was resolved', async () => {
    const joined: string[] = [];
    const published: unknown[] = [];
    const service = setup(pending, NOW, {
      roster: { join: async (_tx, _team, userId) => (joined.push(userId), {} as never) },
      invitations: { setStatus: async (_tx, _id, status) => ({ ...pending, status }) },
      events: { publish: async (_tx, type, data) => void published.push({ type, data }) },
    });
    expect((await service.accept(invitee, 'inv')).status).toBe('accepted');
    expect(joined).toEqual(['invitee']);
    expect(published).toEqual([
      {
        type: 'team.invitation.resolved',
        data: { teamId: 'team', invitationId: 'inv', userId: 'invitee', status: 'accepted' },
      },
    ]);
  });

  it('refuses an invitation that was already answered', async () => {
    expect(await codeOf(setup({ ...pending, status: 'declined' }, NOW).accept(invitee, 'inv'))).toBe(
      'INVITATION_NOT_PENDING',
    );
  });
});
