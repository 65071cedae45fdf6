import { randomUUID } from 'node:crypto';
import { getMe, homeEvents, pollMe } from './support/home-events';
import { snapshot } from './support/team-event-snapshots';
import { newUser, startUserApp, type TestUser, type UserTestApp } from './support/user-app';

interface MyAction {
  kind: string;
  id: string;
  dueAt: string | null;
  teamId: string;
  teamName: string | null;
  [field: string]: unknown;
}

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR);

describe('GET /api/v1/me/actions from team.events.v1 and tournament.events.v1', () => {
  let t: UserTestApp;
  let events: ReturnType<typeof homeEvents>;

  beforeAll(async () => {
    t = await startUserApp();
    events = homeEvents(t.kafka);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A team with a captain, a vice-captain and a player. */
  async function squad(name: string) {
    const [captain, vice, player] = [newUser(), newUser(), newUser()];
    const teamId = randomUUID();
    await events.team('team.created', teamId, { teamId, name, format: '5x5', captainId: captain.id });
    await events.team('team.member.joined', teamId, { teamId, userId: vice.id, role: 'vice_captain' });
    await events.team('team.member.joined', teamId, { teamId, userId: player.id, role: 'player' });
    // In the read model before the test goes on: teams are partitions of their own, read in no set order.
    await pollMe(t.app, 'teams', player.headers, (items) => items.length === 1);
    return { teamId, captain, vice, player };
  }

  const actions = async (user: TestUser) => (await getMe<MyAction>(t.app, 'actions', user.headers)).items;
  const kinds = async (user: TestUser) => (await actions(user)).map((a) => a.kind);

  it('lists an invitation to the invited user only, until it is resolved or expired', async () => {
    const { teamId, captain } = await squad('Invite FC');
    const [invited, stranger] = [newUser(), newUser()];
    const invitationId = randomUUID();
    const expiresAt = inHours(48).toISOString();
    await events.team('team.invitation.created', teamId, {
      teamId,
      invitationId,
      userId: invited.id,
      invitedBy: captain.id,
      expiresAt,
    });
    await events.team('team.invitation.created', teamId, {
      teamId,
      invitationId: randomUUID(),
      userId: invited.id,
      invitedBy: captain.id,
      expiresAt: inHours(-1).toISOString(),
    });
    const items = await pollMe<MyAction>(t.app, 'actions', invited.headers, (list) => list.length > 0);
    expect(items).toEqual([
      {
        kind: 'team_invitation',
        id: `team_invitation:${invitationId}`,
        dueAt: expiresAt,
        teamId,
        teamName: 'Invite FC',
        invitationId,
      },
    ]);
    expect(await actions(stranger)).toEqual([]);
    expect(await kinds(captain)).not.toContain('team_invitation');

    await events.team('team.invitation.resolved', teamId, {
      teamId,
      invitationId,
      userId: invited.id,
      status: 'accepted',
    });
    await pollMe(t.app, 'actions', invited.headers, (list) => list.length === 0);
  });

  it('lists a join request to the captain and vice-captain, not to players or strangers, until decided', async () => {
    const { teamId, captain, vice, player } = await squad('Request FC');
    const [asking, stranger] = [newUser(), newUser()];
    const requestId = randomUUID();
    await events.team('team.join_request.created', teamId, {
      teamId,
      requestId,
      userId: asking.id,
      createdAt: new Date().toISOString(),
    });
    const items = await pollMe<MyAction>(t.app, 'actions', captain.headers, (list) => list.length > 0);
    expect(items).toEqual([
      {
        kind: 'join_request',
        id: `join_request:${requestId}`,
        dueAt: null,
        teamId,
        teamName: 'Request FC',
        requestId,
        requesterId: asking.id,
        requesterName: null,
      },
    ]);
    expect(await kinds(vice)).toEqual(['join_request']);
    expect(await actions(player)).toEqual([]);
    expect(await actions(asking)).toEqual([]);
    expect(await actions(stranger)).toEqual([]);

    await events.team('team.join_request.decided', teamId, {
      teamId,
      requestId,
      userId: asking.id,
      status: 'approved',
      decidedBy: vice.id,
    });
    await pollMe(t.app, 'actions', captain.headers, (list) => list.length === 0);
    expect(await actions(vice)).toEqual([]);
  });

  it('asks the opposing captain to confirm a reported result before confirmBy, until it is disputed', async () => {
    const home = await squad('Home Side');
    const away = await squad('Away Side');
    const tournamentId = randomUUID();
    await events.tournament('tournament.created', tournamentId, {
      tournamentId,
      organizerId: randomUUID(),
      name: 'City Cup',
      visibility: 'public',
      format: 'round_robin',
    });
    const matchId = randomUUID();
    const sides = { tournamentId, matchId, homeTeamId: home.teamId, awayTeamId: away.teamId };
    await events.tournament('tournament.match.scheduled', tournamentId, {
      ...sides,
      startsAt: inHours(-3).toISOString(),
    });
    const confirmBy = inHours(24).toISOString();
    await events.tournament('tournament.match.result_reported', tournamentId, {
      ...sides,
      homeScore: 0,
      awayScore: 3,
      reportedByTeamId: away.teamId,
      confirmBy,
    });
    const items = await pollMe<MyAction>(t.app, 'actions', home.captain.headers, (list) => list.length > 0);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'confirm_result',
        dueAt: confirmBy,
        teamId: home.teamId,
        teamName: 'Home Side',
        tournamentId,
        tournamentName: 'City Cup',
        matchId,
        opponentTeamId: away.teamId,
        opponentTeamName: 'Away Side',
        homeScore: 0,
        awayScore: 3,
      }),
    ]);
    for (const other of [home.vice, home.player, away.captain, away.vice, newUser()])
      expect(await actions(other)).toEqual([]);

    await events.tournament('tournament.match.result_disputed', tournamentId, {
      ...sides,
      disputedByTeamId: home.teamId,
    });
    await pollMe(t.app, 'actions', home.captain.headers, (list) => list.length === 0);

    // Reported again after a reopening, then confirmed: listed, then gone.
    await events.tournament('tournament.match.result_reopened', tournamentId, sides);
    await events.tournament('tournament.match.result_reported', tournamentId, {
      ...sides,
      homeScore: 1,
      awayScore: 3,
      reportedByTeamId: away.teamId,
      confirmBy,
    });
    await pollMe<MyAction>(t.app, 'actions', home.captain.headers, (list) => list[0]?.homeScore === 1);
    expect(await actions(away.captain)).toEqual([]);
    // Recorded live (the final whistle names no reporting team): either captain confirms.
    await events.tournament('tournament.match.result_reported', tournamentId, {
      ...sides,
      homeScore: 1,
      awayScore: 3,
      reportedByTeamId: null,
      confirmBy,
    });
    await pollMe<MyAction>(t.app, 'actions', away.captain.headers, (list) => list.length === 1);
    expect(await kinds(home.captain)).toEqual(['confirm_result']);
    expect(await actions(away.vice)).toEqual([]);
    await events.tournament('tournament.match.result_confirmed', tournamentId, {
      ...sides,
      homeScore: 1,
      awayScore: 3,
      outcome: 'away_win',
    });
    await pollMe(t.app, 'actions', home.captain.headers, (list) => list.length === 0);
  });

  it('asks members to answer open occurrences of the next 14 days until they answer or leave', async () => {
    const { teamId, captain, player } = await squad('Rsvp FC');
    const stranger = newUser();
    const soon = randomUUID();
    const startsAt = inHours(72);
    startsAt.setUTCSeconds(0, 0);
    await events.team('team.event.created', teamId, {
      teamId,
      eventId: soon,
      kind: 'pickup',
      title: 'Friday pickup',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      timeZone: 'UTC',
      recurring: false,
      createdBy: captain.id,
      snapshot: snapshot(startsAt, { kind: 'pickup', title: 'Friday pickup', rsvpCloseMinutes: 120 }),
    });
    // Closed (starts in 30 minutes, answers close an hour before) and beyond the horizon: not asked.
    for (const at of [new Date(Date.now() + 30 * 60_000), inHours(20 * 24)]) {
      const eventId = randomUUID();
      await events.team('team.event.created', teamId, {
        teamId,
        eventId,
        kind: 'training',
        title: 'Not asked',
        startsAt: at.toISOString(),
        endsAt: new Date(at.getTime() + HOUR).toISOString(),
        timeZone: 'UTC',
        recurring: false,
        createdBy: captain.id,
        snapshot: snapshot(at, { title: 'Not asked' }),
      });
    }
    const items = await pollMe<MyAction>(t.app, 'actions', player.headers, (list) => list.length > 0);
    expect(items).toEqual([
      {
        kind: 'rsvp',
        id: `rsvp:${soon}:${startsAt.toISOString()}`,
        dueAt: new Date(startsAt.getTime() - 2 * HOUR).toISOString(),
        teamId,
        teamName: 'Rsvp FC',
        eventId: soon,
        occurrenceStart: startsAt.toISOString(),
        title: 'Friday pickup',
        startsAt: startsAt.toISOString(),
      },
    ]);
    expect(await kinds(captain)).toEqual(['rsvp']);
    expect(await actions(stranger)).toEqual([]);

    await events.team('team.event.rsvp_changed', teamId, {
      teamId,
      eventId: soon,
      occurrenceStart: startsAt.toISOString(),
      userId: player.id,
      response: 'maybe',
      waitlisted: false,
    });
    await pollMe(t.app, 'actions', player.headers, (list) => list.length === 0);
    expect(await kinds(captain)).toEqual(['rsvp']);
    await events.team('team.member.left', teamId, { teamId, userId: captain.id });
    await pollMe(t.app, 'actions', captain.headers, (list) => list.length === 0);
  });

  it('orders by deadline with the undated last, pages, and rejects bad parameters', async () => {
    const { teamId, captain } = await squad('Busy FC');
    const requestId = randomUUID();
    await events.team('team.join_request.created', teamId, {
      teamId,
      requestId,
      userId: randomUUID(),
      createdAt: new Date().toISOString(),
    });
    for (const hours of [50, 30]) {
      const at = inHours(hours);
      await events.team('team.event.created', teamId, {
        teamId,
        eventId: randomUUID(),
        kind: 'training',
        title: `In ${hours} h`,
        startsAt: at.toISOString(),
        endsAt: new Date(at.getTime() + HOUR).toISOString(),
        timeZone: 'UTC',
        recurring: false,
        createdBy: captain.id,
        snapshot: snapshot(at, { title: `In ${hours} h` }),
      });
    }
    const items = await pollMe<MyAction>(t.app, 'actions', captain.headers, (list) => list.length === 3);
    expect(items.map((a) => a.title ?? a.kind)).toEqual(['In 30 h', 'In 50 h', 'join_request']);
    const first = await getMe<MyAction>(t.app, 'actions?limit=2', captain.headers);
    expect(first.items.map((a) => a.id)).toEqual(items.slice(0, 2).map((a) => a.id));
    const second = await getMe<MyAction>(t.app, `actions?limit=2&cursor=${first.nextCursor}`, captain.headers);
    expect(second.items.map((a) => a.id)).toEqual([items[2].id]);
    expect(second.nextCursor).toBeNull();

    for (const [query, code] of [
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=101', 'VALIDATION_FAILED'],
      ['cursor=%25%25', 'INVALID_CURSOR'],
      ['kind=rsvp', 'VALIDATION_FAILED'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/actions?${query}`, headers: captain.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, query).toBe(code);
    }
  });
});
