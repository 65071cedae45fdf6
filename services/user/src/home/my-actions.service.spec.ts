import type { Clock } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { MyMembership } from './home.model';
import { MyActionsService } from './my-actions.service';
import type { MyEventsService } from './my-events.service';
import type { MyTeamsService } from './my-teams.service';
import type { HomeMatchesRepository } from './repositories/home-matches.repository';
import type { HomeRequestsRepository } from './repositories/home-requests.repository';
import type { HomeTeamsRepository } from './repositories/home-teams.repository';

const now = new Date('2026-12-07T10:00:00.000Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const actor = { userId: 'me', username: 'me', emailVerified: true, roles: ['player'], correlationId: 'c' };
const membership = (teamId: string, role: string): MyMembership => ({
  teamId,
  name: `Team ${teamId}`,
  shortName: null,
  logoMediaId: null,
  role,
});

function service(memberships: MyMembership[]) {
  const asked: Record<string, unknown> = {};
  const clock = strictFake<Clock>('clock', { now: () => now });
  return {
    asked,
    service: new MyActionsService(
      strictFake<MyTeamsService>('myTeams', { memberships: async () => memberships }),
      strictFake<MyEventsService>('events', {
        occurrences: async (_user, _memberships, from, to) => {
          asked.window = [from, to];
          return { events: [], occurrences: [], answers: new Map() };
        },
      }),
      strictFake<HomeRequestsRepository>('requests', {
        pendingInvitations: async (userId) => {
          asked.invitationsOf = userId;
          return [{ invitationId: 'i-1', teamId: 'x', teamName: 'X', expiresAt: at(5) }];
        },
        pendingJoinRequests: async (teamIds) => {
          asked.joinRequestTeams = teamIds;
          return [
            { requestId: 'r-1', teamId: 'vice', teamName: 'V', userId: 'u', displayName: null, createdAt: now },
            { requestId: 'r-2', teamId: 'capt', teamName: 'C', userId: 'u', displayName: null, createdAt: now },
          ];
        },
      }),
      strictFake<HomeMatchesRepository>('matches', {
        awaitingConfirmation: async (teamIds) => {
          asked.confirmTeams = teamIds;
          return [
            {
              matchId: 'm-1',
              tournamentId: 't-1',
              tournamentName: 'Cup',
              homeTeamId: 'capt',
              awayTeamId: 'opp',
              startsAt: at(-2),
              venueId: null,
              pitch: null,
              status: 'awaiting_confirmation',
              reportedByTeamId: 'opp',
              confirmBy: at(2),
              homeScore: 0,
              awayScore: 1,
            },
          ];
        },
      }),
      strictFake<HomeTeamsRepository>('teams', {
        teams: async (ids) => new Map(ids.map((id) => [id, { ...membership(id, ''), archived: false }])),
      }),
      clock,
    ),
  };
}

describe('MyActionsService', () => {
  it('asks each source with the rule for its kind and orders everything by deadline, undated last', async () => {
    const { service: actions, asked } = service([
      membership('capt', 'captain'),
      membership('vice', 'vice_captain'),
      membership('play', 'player'),
    ]);
    const page = await actions.list(actor, { limit: 20 });
    expect(asked).toEqual({
      invitationsOf: 'me',
      joinRequestTeams: ['capt', 'vice'],
      confirmTeams: ['capt'],
      window: [now, at(14 * 24)],
    });
    expect(page.items.map((a) => a.id)).toEqual([
      'confirm_result:m-1',
      'team_invitation:i-1',
      'join_request:r-1',
      'join_request:r-2',
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor that points after the last item shown', async () => {
    const { service: actions } = service([membership('capt', 'captain'), membership('vice', 'vice_captain')]);
    const first = await actions.list(actor, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await actions.list(actor, { limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((a) => a.id)).toEqual(['join_request:r-2']);
    expect(second.nextCursor).toBeNull();
  });
});
