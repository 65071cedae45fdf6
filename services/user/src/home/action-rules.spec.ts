import {
  actionSortKey,
  confirmResultActions,
  invitationActions,
  joinRequestActions,
  rsvpActions,
  RSVP_HORIZON_MS,
} from './action-rules';
import type { HomeTeam, HomeTeamEvent, MyMembership } from './home.model';
import type { OpenMatch } from './repositories/home-matches.repository';

const now = new Date('2026-12-07T10:00:00.000Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(now.getTime() + ms);

const TEAM = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const member = (teamId: string, role: string): MyMembership => ({
  teamId,
  name: `team ${teamId.slice(-1)}`,
  shortName: null,
  logoMediaId: null,
  role,
});
const team = (teamId: string): HomeTeam => ({
  teamId,
  name: `team ${teamId.slice(-1)}`,
  shortName: null,
  logoMediaId: null,
  archived: false,
});

describe('action rules', () => {
  it('lists invitations only while they have not expired', () => {
    const actions = invitationActions(
      [
        { invitationId: 'i-1', teamId: TEAM, teamName: 'A', expiresAt: at(HOUR) },
        { invitationId: 'i-2', teamId: TEAM, teamName: 'A', expiresAt: now },
      ],
      now,
    );
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'team_invitation', invitationId: 'i-1', dueAt: at(HOUR).toISOString() }),
    ]);
  });

  it('lists join requests to the captain and vice-captains only, as team-service lets them decide', () => {
    const request = {
      requestId: 'r-1',
      teamId: TEAM,
      teamName: 'A',
      userId: 'u-2',
      displayName: 'Petr',
      createdAt: now,
    };
    for (const [role, listed] of [
      ['captain', true],
      ['vice_captain', true],
      ['player', false],
    ] as const)
      expect(joinRequestActions([request], [member(TEAM, role)]).length, role).toBe(listed ? 1 : 0);
    expect(joinRequestActions([request], [member(OTHER, 'captain')])).toEqual([]);
    expect(joinRequestActions([request], [member(TEAM, 'captain')])[0]).toMatchObject({
      kind: 'join_request',
      requestId: 'r-1',
      requesterId: 'u-2',
      requesterName: 'Petr',
      dueAt: null,
    });
  });

  describe('confirm_result', () => {
    const reported: OpenMatch = {
      matchId: 'm-1',
      tournamentId: 't-1',
      tournamentName: 'Cup',
      homeTeamId: TEAM,
      awayTeamId: OTHER,
      startsAt: at(-3 * HOUR),
      venueId: null,
      pitch: null,
      status: 'awaiting_confirmation',
      reportedByTeamId: OTHER,
      confirmBy: at(HOUR),
      homeScore: 1,
      awayScore: 2,
    };
    const teams = new Map([TEAM, OTHER].map((id) => [id, team(id)]));

    it('asks the captain of either team when the result was recorded live (no reporting team)', () => {
      const live = { ...reported, reportedByTeamId: null };
      for (const [teamId, opponent] of [
        [TEAM, OTHER],
        [OTHER, TEAM],
      ])
        expect(confirmResultActions([live], [member(teamId, 'captain')], teams, now)).toEqual([
          expect.objectContaining({ kind: 'confirm_result', teamId, opponentTeamId: opponent }),
        ]);
      expect(confirmResultActions([live], [member(TEAM, 'player')], teams, now)).toEqual([]);
    });

    it("asks the opposing team's captain, before confirmBy", () => {
      expect(confirmResultActions([reported], [member(TEAM, 'captain')], teams, now)).toEqual([
        expect.objectContaining({
          kind: 'confirm_result',
          matchId: 'm-1',
          teamId: TEAM,
          opponentTeamId: OTHER,
          dueAt: at(HOUR).toISOString(),
          homeScore: 1,
          awayScore: 2,
        }),
      ]);
    });

    it('asks nobody else: a vice-captain, a player, the reporting side, or after the deadline', () => {
      expect(confirmResultActions([reported], [member(TEAM, 'vice_captain')], teams, now)).toEqual([]);
      expect(confirmResultActions([reported], [member(TEAM, 'player')], teams, now)).toEqual([]);
      expect(confirmResultActions([reported], [member(OTHER, 'captain')], teams, now)).toEqual([]);
      expect(confirmResultActions([{ ...reported, confirmBy: now }], [member(TEAM, 'captain')], teams, now)).toEqual(
        [],
      );
      expect(
        confirmResultActions([{ ...reported, status: 'disputed' }], [member(TEAM, 'captain')], teams, now),
      ).toEqual([]);
    });
  });

  describe('rsvp', () => {
    const event: HomeTeamEvent = {
      eventId: '00000000-0000-4000-8000-0000000000e1',
      teamId: TEAM,
      version: 1,
      kind: 'training',
      title: 'Tuesday training',
      venueName: null,
      startsAt: at(2 * HOUR),
      endsAt: at(3 * HOUR),
      timeZone: 'UTC',
      capacity: null,
      rsvpCloseMinutes: 60,
      rule: { weekdays: [1, 2, 3, 4, 5, 6, 7], intervalWeeks: 1, until: null, count: 20, skippedDates: [] },
      overrides: [],
      cancelled: false,
      seriesEndsAt: at(30 * 24 * HOUR),
    };

    it('asks about each open, unanswered occurrence in the next 14 days', () => {
      const actions = rsvpActions([event], [], [member(TEAM, 'player')], now);
      // Daily from now + 2 h: 14 occurrences start within the horizon.
      expect(actions).toHaveLength(14);
      expect(actions[0]).toMatchObject({
        kind: 'rsvp',
        eventId: event.eventId,
        occurrenceStart: at(2 * HOUR).toISOString(),
        dueAt: at(HOUR).toISOString(),
      });
      expect(actions.every((a) => new Date(a.startsAt ?? 0) < at(RSVP_HORIZON_MS))).toBe(true);
    });

    it('leaves out answered, closed, cancelled occurrences and teams the user is not in', () => {
      const answered = [
        { eventId: event.eventId, occurrenceStart: at(2 * HOUR), userId: 'u', response: 'no', waitlisted: false },
      ];
      expect(rsvpActions([event], answered, [member(TEAM, 'player')], now)).toHaveLength(13);
      const closing = { ...event, rsvpCloseMinutes: 180 };
      expect(rsvpActions([closing], [], [member(TEAM, 'player')], now)[0].occurrenceStart).toBe(
        at(26 * HOUR).toISOString(),
      );
      const cancelledOne = {
        ...event,
        overrides: [{ occurrenceStart: at(2 * HOUR), startsAt: null, endsAt: null, cancelled: true }],
      };
      expect(rsvpActions([cancelledOne], [], [member(TEAM, 'player')], now)).toHaveLength(13);
      expect(rsvpActions([{ ...event, cancelled: true }], [], [member(TEAM, 'player')], now)).toEqual([]);
      expect(rsvpActions([event], [], [member(OTHER, 'player')], now)).toEqual([]);
    });
  });

  it('orders by deadline with the undated last', () => {
    const keys = [
      { kind: 'join_request' as const, id: 'join_request:r', dueAt: null },
      { kind: 'rsvp' as const, id: 'rsvp:b', dueAt: at(2 * HOUR).toISOString() },
      { kind: 'team_invitation' as const, id: 'team_invitation:a', dueAt: at(HOUR).toISOString() },
    ].sort((a, b) => (actionSortKey(a) < actionSortKey(b) ? -1 : 1));
    expect(keys.map((k) => k.kind)).toEqual(['team_invitation', 'rsvp', 'join_request']);
  });
});
