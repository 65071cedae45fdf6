import { newUser, startTeamApp, type TeamTestApp, type TestUser } from './support/team-app';
import { teamApi } from './support/team-api';

describe('roster and roles over HTTP', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function teamWithPlayers(count: number, body: Record<string, unknown> = {}) {
    const captain = newUser();
    const team = await api.createTeam(captain, body);
    const players: TestUser[] = [];
    for (let i = 0; i < count; i++) players.push(await api.addPlayer(captain, team.id));
    return { captain, team, players };
  }

  it('lets members set shirt numbers and positions, unique per team', async () => {
    const { captain, team, players } = await teamWithPlayers(2);
    const [a, b] = players;
    const own = await api.call(a, 'PATCH', `/api/v1/teams/${team.id}/members/${a.id}`, {
      shirtNumber: 10,
      position: 'forward',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ shirtNumber: 10, position: 'forward', role: 'player' });

    const duplicate = await api.call(b, 'PATCH', `/api/v1/teams/${team.id}/members/${b.id}`, { shirtNumber: 10 });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('TEAM_SHIRT_NUMBER_TAKEN');

    const someoneElse = await api.call(b, 'PATCH', `/api/v1/teams/${team.id}/members/${a.id}`, { shirtNumber: 7 });
    expect(someoneElse.json().code).toBe('TEAM_NOT_MANAGER');
    const byCaptain = await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}/members/${b.id}`, { shirtNumber: 7 });
    expect(byCaptain.statusCode).toBe(200);
    const bad = await api.call(a, 'PATCH', `/api/v1/teams/${team.id}/members/${a.id}`, { shirtNumber: 100 });
    expect(bad.statusCode).toBe(400);
  });

  it('changes roles (captain only) and never removes the captain', async () => {
    const { captain, team, players } = await teamWithPlayers(3);
    const [vice, p1, p2] = players;
    const byPlayer = await api.call(p1, 'PATCH', `/api/v1/teams/${team.id}/members/${vice.id}`, {
      role: 'vice_captain',
    });
    expect(byPlayer.json().code).toBe('TEAM_NOT_CAPTAIN');
    const promoted = await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}/members/${vice.id}`, {
      role: 'vice_captain',
    });
    expect(promoted.json().role).toBe('vice_captain');
    const toCaptain = await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}/members/${p1.id}`, {
      role: 'captain',
    });
    expect(toCaptain.statusCode).toBe(400);

    const playerRemovesCaptain = await api.call(p1, 'DELETE', `/api/v1/teams/${team.id}/members/${captain.id}`);
    expect(playerRemovesCaptain.statusCode).toBe(403);
    expect(playerRemovesCaptain.json().code).toBe('TEAM_NOT_MANAGER');
    const viceRemovesCaptain = await api.call(vice, 'DELETE', `/api/v1/teams/${team.id}/members/${captain.id}`);
    expect(viceRemovesCaptain.statusCode).toBe(403);
    expect(viceRemovesCaptain.json().code).toBe('TEAM_CANNOT_REMOVE_CAPTAIN');

    expect((await api.call(vice, 'DELETE', `/api/v1/teams/${team.id}/members/${p2.id}`)).statusCode).toBe(204);
    const roster = await api.roster(team.id);
    expect(roster.map((m) => m.userId)).toEqual([captain.id, vice.id, p1.id]);
  });

  it('makes the captain transfer before leaving', async () => {
    const { captain, team, players } = await teamWithPlayers(1);
    const [next] = players;
    const leave = await api.call(captain, 'POST', `/api/v1/teams/${team.id}/leave`);
    expect(leave.statusCode).toBe(422);
    expect(leave.json().code).toBe('TEAM_CAPTAIN_MUST_TRANSFER');
    const notCaptain = await api.call(next, 'POST', `/api/v1/teams/${team.id}/captain`, { userId: next.id });
    expect(notCaptain.json().code).toBe('TEAM_NOT_CAPTAIN');
    const stranger = newUser();
    const toStranger = await api.call(captain, 'POST', `/api/v1/teams/${team.id}/captain`, { userId: stranger.id });
    expect(toStranger.json().code).toBe('TEAM_MEMBER_NOT_FOUND');
    const toSelf = await api.call(captain, 'POST', `/api/v1/teams/${team.id}/captain`, { userId: captain.id });
    expect(toSelf.statusCode).toBe(422);
    expect(toSelf.json()).toMatchObject({ code: 'TEAM_CAPTAINCY_TO_SELF', status: 422 });

    const transferred = await api.call(captain, 'POST', `/api/v1/teams/${team.id}/captain`, { userId: next.id });
    expect(transferred.statusCode).toBe(200);
    expect(transferred.json()).toMatchObject({ userId: next.id, role: 'captain' });
    expect((await api.call(captain, 'POST', `/api/v1/teams/${team.id}/leave`)).statusCode).toBe(204);
    expect(await api.roster(team.id)).toEqual([expect.objectContaining({ userId: next.id, role: 'captain' })]);
    expect((await api.call(captain, 'POST', `/api/v1/teams/${team.id}/leave`)).json().code).toBe(
      'TEAM_MEMBER_NOT_FOUND',
    );
  });

  it('keeps exactly one captain when two transfers race', async () => {
    const { captain, team, players } = await teamWithPlayers(2);
    const results = await Promise.all(
      players.map((p) => api.call(captain, 'POST', `/api/v1/teams/${team.id}/captain`, { userId: p.id })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 403]);
    const captains = (await api.roster(team.id)).filter((m) => m.role === 'captain');
    expect(captains).toHaveLength(1);
  });

  it('has the database refuse a second captain whatever the code does', async () => {
    const { team, players } = await teamWithPlayers(1);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await expect(
        client.query(`UPDATE team_members SET role = 'captain' WHERE team_id = $1 AND user_id = $2`, [
          team.id,
          players[0].id,
        ]),
      ).rejects.toThrow(/team_members_one_captain_key/);
    } finally {
      await client.end();
    }
  });
});
