import { type Clock, DomainError, type EventPublisher } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { Tx } from '../database/transaction-runner';
import type { Team, TeamMember } from '../teams/team.model';
import { RosterService } from './roster.service';
import type { TeamMembersRepository } from './team-members.repository';

const tx = strictFake<Tx>('tx');
const clock = strictFake<Clock>('clock', { now: () => new Date(0) });
const team = (format: string) => ({ id: 'team', format }) as Team;

describe('RosterService.join', () => {
  it.each([
    ['5x5', 12],
    ['7x7', 16],
    ['11x11', 25],
  ])('refuses the %s roster beyond %i players', async (format, limit) => {
    const members = strictFake<TeamMembersRepository>('members', { find: async () => null, count: async () => limit });
    const error = await new RosterService(members, strictFake('events'), clock)
      .join(tx, team(format), 'u', 'c')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('TEAM_ROSTER_FULL');
  });

  it('adds a player below the limit and publishes team.member.joined', async () => {
    const published: unknown[] = [];
    const members = strictFake<TeamMembersRepository>('members', {
      find: async () => null,
      count: async () => 11,
      add: async (_tx, m) => m as TeamMember,
    });
    const events = strictFake<EventPublisher>('events', {
      publish: async (_tx, type, data) => void published.push({ type, data }),
    });
    await new RosterService(members, events, clock).join(tx, team('5x5'), 'u', 'c');
    expect(published).toEqual([{ type: 'team.member.joined', data: { teamId: 'team', userId: 'u', role: 'player' } }]);
  });

  it('refuses a user already on the roster', async () => {
    const members = strictFake<TeamMembersRepository>('members', { find: async () => ({}) as TeamMember });
    await expect(
      new RosterService(members, strictFake('events'), clock).join(tx, team('5x5'), 'u', 'c'),
    ).rejects.toMatchObject({
      code: 'TEAM_ALREADY_MEMBER',
    });
  });
});
