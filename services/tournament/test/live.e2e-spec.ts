import { createEnvelope, Topics } from '@prodvor/contracts';
import { eventually, probeTopic, produce } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { TeamViewsRepository } from '../src/teams-view/team-views.repository';
import {
  api,
  newOrganizer,
  newUser,
  startTournamentApp,
  type TestUser,
  type TournamentTestApp,
} from './support/tournament-app';

describe('live match events, the team read model and events on Kafka', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function liveMatch() {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { periods: 2 });
    const sides = await Promise.all(
      [0, 1].map(async () => {
        const captain = newUser();
        const players = [newUser(), newUser(), newUser()];
        return { captain, players, teamId: await t.seedTeam(captain, players) };
      }),
    );
    await http.enter(organizer, cup.id, sides);
    await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`);
    const [match] = await http.matches(cup.id);
    const home = sides.find((s) => s.teamId === match.homeTeamId)!;
    const away = sides.find((s) => s.teamId === match.awayTeamId)!;
    const record = (user: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      http.call(user, 'POST', `/api/v1/matches/${match.id}/events`, { minute: 1, period: 1, ...body }, headers);
    return { organizer, cup, match, home, away, record };
  }

  it('records a match in order, refuses what breaks the rules, and produces each event to match.events.v1 in order', async () => {
    const probe = await probeTopic(t.kafka, Topics.matchEvents);
    try {
      const { organizer, match, home, away, record } = await liveMatch();
      expect(
        (await record(organizer, { kind: 'goal', teamId: home.teamId, playerId: home.players[0].id })).json().code,
      ).toBe('MATCH_EVENT_INVALID_STATE');
      expect((await record(organizer, { kind: 'kick_off', minute: 0 })).statusCode).toBe(201);
      const stranger = await record(newUser(), { kind: 'goal', teamId: home.teamId, playerId: home.players[0].id });
      expect(stranger.json().code).toBe('MATCH_EVENT_NOT_RECORDER');
      expect((await record(home.captain, { kind: 'period_end' })).statusCode).toBe(403);

      const referee = newUser();
      await http.call(organizer, 'PUT', `/api/v1/matches/${match.id}/referee`, { refereeId: referee.id });
      const notOnRoster = await record(referee, { kind: 'goal', teamId: home.teamId, playerId: away.players[0].id });
      expect(notOnRoster.json()).toMatchObject({
        code: 'MATCH_EVENT_REJECTED',
        detail: expect.stringContaining('roster'),
      });
      const goal = {
        kind: 'goal',
        minute: 12,
        teamId: home.teamId,
        playerId: home.players[0].id,
        assistId: home.players[1].id,
      };
      const key = { 'idempotency-key': `goal-${randomUUID()}` };
      const first = await record(referee, goal, key);
      expect(first.statusCode).toBe(201);
      const retried = await record(referee, goal, key);
      expect(retried.statusCode).toBe(200);
      expect(retried.json().sequence).toBe(first.json().sequence);

      await record(referee, { kind: 'yellow_card', minute: 20, teamId: away.teamId, playerId: away.players[0].id });
      expect(
        (
          await record(referee, { kind: 'yellow_card', minute: 30, teamId: away.teamId, playerId: away.players[0].id })
        ).json().code,
      ).toBe('MATCH_EVENT_REJECTED');
      await record(referee, { kind: 'second_yellow', minute: 31, teamId: away.teamId, playerId: away.players[0].id });
      const sentOff = await record(referee, {
        kind: 'goal',
        minute: 33,
        teamId: away.teamId,
        playerId: away.players[0].id,
      });
      expect(sentOff.json().detail).toContain('sent off');
      await record(referee, {
        kind: 'goal',
        minute: 40,
        period: 2,
        teamId: away.teamId,
        playerId: away.players[1].id,
        ownGoal: true,
      });
      const wrong = await record(referee, {
        kind: 'goal',
        minute: 41,
        period: 2,
        teamId: home.teamId,
        playerId: home.players[2].id,
      });
      await record(referee, {
        kind: 'correction',
        minute: 42,
        period: 2,
        correctsSequence: wrong.json().sequence,
        reason: 'offside',
      });
      expect((await record(referee, { kind: 'period_start', period: 3 })).json().code).toBe('MATCH_EVENT_REJECTED');
      expect((await record(referee, { kind: 'final_whistle', minute: 50, period: 2 })).statusCode).toBe(201);
      expect(
        (
          await record(referee, {
            kind: 'goal',
            minute: 51,
            period: 2,
            teamId: home.teamId,
            playerId: home.players[0].id,
          })
        ).json().code,
      ).toBe('MATCH_EVENT_INVALID_STATE');

      const view = (await http.call(null, 'GET', `/api/v1/matches/${match.id}/events`)).json();
      expect(view).toMatchObject({ status: 'finished', homeScore: 2, awayScore: 0, lastSequence: 8 });
      expect(view.items.find((e: { sequence: number }) => e.sequence === wrong.json().sequence).voided).toBe(true);
      const catchUp = (await http.call(null, 'GET', `/api/v1/matches/${match.id}/events?after=6`)).json();
      expect(catchUp.items.map((e: { sequence: number }) => e.sequence)).toEqual([7, 8]);

      await t.flushOutbox();
      await probe.waitFor((events) => events.filter((e) => e.key === match.id).length === 8);
      const ours = probe.received.filter((e) => e.key === match.id);
      expect(ours.map((e) => e.envelope.data.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(ours.map((e) => e.envelope.data.kind)).toEqual([
        'kick_off',
        'goal',
        'yellow_card',
        'second_yellow',
        'goal',
        'goal',
        'correction',
        'final_whistle',
      ]);

      // The lineups and the confirmed result feed the leaderboards.
      const lineup = await http.call(home.captain, 'PUT', `/api/v1/matches/${match.id}/lineups/${home.teamId}`, {
        players: home.players.map((p, i) => ({ playerId: p.id, goalkeeper: i === 2 })),
      });
      expect(lineup.statusCode).toBe(200);
      const foreign = await http.call(home.captain, 'PUT', `/api/v1/matches/${match.id}/lineups/${away.teamId}`, {
        players: [],
      });
      expect(foreign.json().code).toBe('MATCH_LINEUP_NOT_ALLOWED');
      const stranger2 = await http.call(home.captain, 'PUT', `/api/v1/matches/${match.id}/lineups/${home.teamId}`, {
        players: [{ playerId: away.players[0].id }],
      });
      expect(stranger2.json().code).toBe('MATCH_LINEUP_NOT_ON_ROSTER');
      expect((await http.call(away.captain, 'POST', `/api/v1/matches/${match.id}/confirm`)).json().status).toBe(
        'confirmed',
      );
      const boards = (
        await http.call(null, 'GET', `/api/v1/tournaments/${match.tournamentId}/leaderboards?limit=5`)
      ).json();
      expect(boards.goals[0]).toMatchObject({ playerId: home.players[0].id, value: 1, rank: 1 });
      expect(boards.assists[0]).toMatchObject({ playerId: home.players[1].id, value: 1 });
      expect(boards.redCards[0]).toMatchObject({ playerId: away.players[0].id, value: 1 });
      expect(boards.cleanSheets[0]).toMatchObject({ playerId: home.players[2].id, value: 1 });
      expect(boards.matchesPlayed.map((e: { playerId: string }) => e.playerId)).toEqual(
        expect.arrayContaining(home.players.map((p) => p.id)),
      );
      const fairPlay = (await http.call(null, 'GET', `/api/v1/tournaments/${match.tournamentId}/standings`)).json()
        .groups[0].rows;
      expect(fairPlay.find((r: { teamId: string }) => r.teamId === away.teamId).fairPlay).toBe(-3);
    } finally {
      await probe.stop();
    }
  });

  it('shows a live match in the cached public match list right after kick-off', async () => {
    const { organizer, cup, match, home, record } = await liveMatch();
    const statusInList = async () => (await http.matches(cup.id)).find((m) => m.id === match.id)!.status;
    expect(await statusInList()).toBe('scheduled'); // now cached
    expect((await record(organizer, { kind: 'kick_off', minute: 0 })).statusCode).toBe(201);
    expect(await statusInList()).toBe('live');
    const lineup = await http.call(organizer, 'PUT', `/api/v1/matches/${match.id}/lineups/${home.teamId}`, {
      players: [{ playerId: home.players[0].id }],
    });
    expect(lineup.statusCode).toBe(200);
    expect((await record(organizer, { kind: 'final_whistle', minute: 40, period: 2 })).statusCode).toBe(201);
    expect(await statusInList()).toBe('finished');
  });

  it('asks both captains to confirm a result recorded live: result_reported without a reporting team', async () => {
    const probe = await probeTopic(t.kafka, Topics.tournamentEvents);
    try {
      const { organizer, cup, match, record } = await liveMatch();
      await record(organizer, { kind: 'kick_off', minute: 0 });
      const whistle = await record(organizer, { kind: 'final_whistle', minute: 40, period: 2 });
      expect(whistle.statusCode).toBe(201);
      await t.flushOutbox();
      const reported = () =>
        probe.received.filter(
          (e) => e.envelope.type === 'tournament.match.result_reported' && e.envelope.data.matchId === match.id,
        );
      await probe.waitFor(() => reported().length === 1);
      const confirmBy = (await http.call(null, 'GET', `/api/v1/matches/${match.id}`)).json().confirmBy;
      expect(reported()[0]).toMatchObject({
        key: cup.id,
        envelope: {
          data: {
            tournamentId: cup.id,
            matchId: match.id,
            homeTeamId: match.homeTeamId,
            awayTeamId: match.awayTeamId,
            homeScore: 0,
            awayScore: 0,
            reportedByTeamId: null,
            confirmBy,
          },
        },
      });
    } finally {
      await probe.stop();
    }
  });

  it('keeps team captains and rosters from team.events.v1, once per event', async () => {
    const captain = randomUUID();
    const player = randomUUID();
    const teamId = randomUUID();
    const send = (type: string, data: Record<string, unknown>, id?: string) =>
      produce(t.kafka, Topics.teamEvents, teamId, {
        ...createEnvelope({ type, producer: 'team', subject: teamId, correlationId: randomUUID(), data }),
        ...(id ? { id } : {}),
      });
    await send('team.created', { teamId, name: 'Kafka FC', format: '5x5', captainId: captain });
    const joined = createEnvelope({
      type: 'team.member.joined',
      producer: 'team',
      subject: teamId,
      correlationId: randomUUID(),
      data: { teamId, userId: player, role: 'player' },
    });
    await produce(t.kafka, Topics.teamEvents, teamId, joined);
    await send('team.future.event', { teamId });
    const views = t.app.get(TeamViewsRepository);
    await eventually(async () => (await views.roleOf(teamId, player)) === 'player', 45_000);
    expect(await views.roleOf(teamId, captain)).toBe('captain');
    await send('team.captain.transferred', { teamId, fromUserId: captain, toUserId: player });
    await eventually(async () => (await views.roleOf(teamId, player)) === 'captain');
    await send('team.member.left', { teamId, userId: captain });
    await eventually(async () => (await views.roleOf(teamId, captain)) === null);
    // A redelivered join (same event id) does not bring the departed member back.
    await produce(t.kafka, Topics.teamEvents, teamId, {
      ...joined,
      data: { teamId, userId: captain, role: 'player' },
    });
    await send('team.updated', { teamId, changes: { name: 'Kafka United' } });
    await eventually(async () => (await views.names([teamId])).get(teamId) === 'Kafka United');
    expect(await views.roleOf(teamId, captain)).toBeNull();
  });

  it('drops a deleted user from rosters and from referee duty on matches still to be played', async () => {
    const { organizer, match, home } = await liveMatch();
    const referee = newUser();
    const gone = home.players[0];
    const assigned = await http.call(organizer, 'PUT', `/api/v1/matches/${match.id}/referee`, {
      refereeId: referee.id,
    });
    expect(assigned.json().refereeId).toBe(referee.id);
    const deleted = (userId: string) =>
      createEnvelope({
        type: 'user.deleted',
        producer: 'user',
        subject: userId,
        correlationId: randomUUID(),
        data: { userId },
      });
    await produce(t.kafka, Topics.userEvents, referee.id, deleted(referee.id));
    await produce(t.kafka, Topics.userEvents, gone.id, deleted(gone.id));
    const views = t.app.get(TeamViewsRepository);
    await eventually(async () => (await views.roleOf(home.teamId, gone.id)) === null, 45_000);
    await eventually(
      async () => (await http.call(null, 'GET', `/api/v1/matches/${match.id}`)).json().refereeId === undefined,
    );
    expect(await views.roleOf(home.teamId, home.players[1].id)).toBe('player');
    // The former referee records nothing any more; the removed player cannot score.
    expect(
      (
        await http.call(referee, 'POST', `/api/v1/matches/${match.id}/events`, {
          kind: 'kick_off',
          minute: 0,
          period: 1,
        })
      ).statusCode,
    ).toBe(403);
    await http.call(organizer, 'POST', `/api/v1/matches/${match.id}/events`, {
      kind: 'kick_off',
      minute: 0,
      period: 1,
    });
    const goal = await http.call(organizer, 'POST', `/api/v1/matches/${match.id}/events`, {
      kind: 'goal',
      minute: 3,
      period: 1,
      teamId: home.teamId,
      playerId: gone.id,
    });
    expect(goal.json().code).toBe('MATCH_EVENT_REJECTED');
  });

  it('publishes tournament events through the outbox keyed by tournament id', async () => {
    const probe = await probeTopic(t.kafka, Topics.tournamentEvents);
    try {
      const { cup } = await liveMatch();
      await t.flushOutbox();
      await probe.waitFor((events) =>
        events.some((e) => e.key === cup.id && e.envelope.type === 'tournament.match.scheduled'),
      );
      const types = probe.received.filter((e) => e.key === cup.id).map((e) => e.envelope.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'tournament.created',
          'tournament.team.registered',
          'tournament.team.approved',
          'tournament.fixtures.published',
          'tournament.match.scheduled',
        ]),
      );
      expect(types.indexOf('tournament.created')).toBe(0);
    } finally {
      await probe.stop();
    }
  });
});
