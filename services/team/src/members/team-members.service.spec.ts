import { type Actor, DomainError, type EventPublisher, People, type UserProfiles } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { Tx, TransactionRunner } from '../database/transaction-runner';
import type { Team, TeamMember, TeamRole } from '../teams/team.model';
import type { TeamPageCache } from '../teams/team-page.cache';
import { TeamPolicy } from '../teams/team-policy';
import type { TeamsRepository } from '../teams/teams.repository';
import { TeamMembersService } from './team-members.service';
import type { TeamMembersRepository } from './team-members.repository';

const TEAM_ID = '0190f0a0-0000-7000-8000-000000000001';
const tx = strictFake<Tx>('tx');
const team = { id: TEAM_ID, format: '5x5', archivedAt: null, recruiting: true } as Team;

function member(userId: string, role: TeamRole): TeamMember {
  return { teamId: TEAM_ID, userId, role, shirtNumber: null, position: null, joinedAt: new Date(0) };
}

function setup(
  roster: TeamMember[],
  members: Partial<TeamMembersRepository> = {},
  events: Partial<EventPublisher> = {},
) {
  const find = (userId: string) => roster.find((m) => m.userId === userId) ?? null;
  const teams = strictFake<TeamsRepository>('teams', {
    lockForUpdate: async () => team,
    roleOf: async (_tx, _teamId, userId) => find(userId)?.role ?? null,
  });
  const service = new TeamMembersService(
    strictFake<TeamMembersRepository>('members', { find: async (_tx, _teamId, userId) => find(userId), ...members }),
    new TeamPolicy(teams),
    strictFake<TransactionRunner>('transactions', { run: (work) => work(tx) }),
    strictFake<EventPublisher>('events', events),
    strictFake<TeamPageCache>('cache', { invalidate: async () => undefined }),
    strictFake<UserProfiles>('profiles', { people: async () => new People(new Map()) }),
  );
  return service;
}

const actor = (userId: string): Actor => ({ userId, roles: [], correlationId: 'test' });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

describe('TeamMembersService', () => {
  const roster = [member('captain', 'captain'), member('vice', 'vice_captain'), member('player', 'player')];

  it('refuses a player removing the captain, and anyone removing the captain', async () => {
    const service = setup(roster);
    expect(await codeOf(service.remove(actor('player'), TEAM_ID, 'captain'))).toBe('TEAM_NOT_MANAGER');
    expect(await codeOf(service.remove(actor('vice'), TEAM_ID, 'captain'))).toBe('TEAM_CANNOT_REMOVE_CAPTAIN');
  });

  it('lets only the captain remove a vice-captain, and publishes the removal', async () => {
    const removed: string[] = [];
    const published: string[] = [];
    const service = setup(
      roster,
      { remove: async (_tx, _teamId, userId) => void removed.push(userId) },
      { publish: async (_tx, type) => void published.push(type) },
    );
    expect(await codeOf(service.remove(actor('vice'), TEAM_ID, 'vice'))).toBe('TEAM_NOT_CAPTAIN');
    await service.remove(actor('captain'), TEAM_ID, 'vice');
    expect(removed).toEqual(['vice']);
    expect(published).toEqual(['team.member.removed']);
  });

  it('makes a captain transfer before leaving', async () => {
    expect(await codeOf(setup(roster).leave(actor('captain'), TEAM_ID))).toBe('TEAM_CAPTAIN_MUST_TRANSFER');
    expect(await codeOf(setup(roster).leave(actor('stranger'), TEAM_ID))).toBe('TEAM_MEMBER_NOT_FOUND');
  });

  it('demotes the captain before promoting the successor (one captain at any moment)', async () => {
    const steps: string[] = [];
    const service = setup(
      roster,
      {
        update: async (_tx, _teamId, userId, changes) => {
          steps.push(`${userId}->${changes.role}`);
          return member(userId, changes.role!);
        },
      },
      { publish: async (_tx, type) => void steps.push(type) },
    );
    await service.transferCaptaincy(actor('captain'), TEAM_ID, 'player');
    expect(steps).toEqual([
      'captain->vice_captain',
      'player->captain',
      'team.captain.transferred',
      'team.member.role_changed',
    ]);
    expect(await codeOf(setup(roster).transferCaptaincy(actor('vice'), TEAM_ID, 'player'))).toBe('TEAM_NOT_CAPTAIN');
  });

  it('refuses a transfer of the captaincy to the captain with its own code', async () => {
    const error = await setup(roster)
      .transferCaptaincy(actor('captain'), TEAM_ID, 'captain')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TEAM_CAPTAINCY_TO_SELF', status: 422 });
  });

  it('refuses a shirt number another member wears', async () => {
    const service = setup(roster, { findByShirtNumber: async () => member('vice', 'vice_captain') });
    expect(await codeOf(service.update(actor('player'), TEAM_ID, 'player', { shirtNumber: 9 }))).toBe(
      'TEAM_SHIRT_NUMBER_TAKEN',
    );
  });
});
