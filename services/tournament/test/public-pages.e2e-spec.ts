import { createEnvelope, Topics } from '@prodvor/contracts';
import { UserProfiles } from '@prodvor/platform';
import { eventually, produce } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { TeamViewsRepository } from '../src/teams-view/team-views.repository';
import { api, newOrganizer, newUser, startTournamentApp, type TournamentTestApp } from './support/tournament-app';

interface LineupsView {
  matchId: string;
  teams: {
    teamId: string;
    teamName?: string;
    logo: { mediaId: string; variants: Record<string, string> } | null;
    players: { playerId: string; displayName: string | null; avatar: unknown; goalkeeper: boolean }[];
  }[];
}

describe('public pages: names, avatars and logos instead of bare ids', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const userEvent = (type: string, userId: string, data: Record<string, unknown>, occurredAt?: string) =>
    produce(t.kafka, Topics.userEvents, userId, {
      ...createEnvelope({ type, producer: 'user', subject: userId, correlationId: randomUUID(), data }),
      ...(occurredAt ? { occurredAt } : {}),
    });

  /** A league of two seeded teams with two players each, fixtures generated; the first match. */
  async function leagueMatch() {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer);
    const sides = [0, 1].map(() => ({ captain: newUser(), players: [newUser(), newUser()] }));
    const teams = [];
    for (const [i, side] of sides.entries())
      teams.push({ ...side, teamId: await t.seedTeam(side.captain, side.players, `Yard ${i + 1}`) });
    await http.enter(organizer, cup.id, teams);
    expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`)).statusCode).toBe(201);
    const [match] = await http.matches(cup.id);
    const home = teams.find((x) => x.teamId === match.homeTeamId)!;
    const away = teams.find((x) => x.teamId === match.awayTeamId)!;
    return { organizer, cup, match, home, away };
  }

  it('an anonymous visitor reads a lineup with display names, avatar links and the team logo', async () => {
    const { match, home, away, cup } = await leagueMatch();
    const [keeper, striker] = home.players;
    const avatarId = randomUUID();
    const logoId = randomUUID();
    const now = Date.now();
    await userEvent(
      'user.profile.updated',
      keeper.id,
      { userId: keeper.id, displayName: 'Lev Yashin', avatarMediaId: avatarId },
      new Date(now).toISOString(),
    );
    // An older profile arriving late changes nothing.
    await userEvent(
      'user.profile.updated',
      keeper.id,
      { userId: keeper.id, displayName: 'Old Name' },
      new Date(now - 60_000).toISOString(),
    );
    await userEvent('user.profile.updated', striker.id, { userId: striker.id, displayName: 'Striker' });
    await produce(t.kafka, Topics.teamEvents, home.teamId, {
      ...createEnvelope({
        type: 'team.updated',
        producer: 'team',
        subject: home.teamId,
        correlationId: randomUUID(),
        data: { teamId: home.teamId, changes: { logoMediaId: logoId } },
      }),
    });
    const players = t.app.get(UserProfiles);
    const teams = t.app.get(TeamViewsRepository);
    await eventually(async () => (await players.profiles([keeper.id, striker.id])).size === 2, 45_000);
    await eventually(async () => (await teams.displays([home.teamId])).get(home.teamId)?.logoMediaId === logoId);

    const set = await http.call(home.captain, 'PUT', `/api/v1/matches/${match.id}/lineups/${home.teamId}`, {
      players: [{ playerId: striker.id }, { playerId: keeper.id, goalkeeper: true }],
    });
    expect(set.statusCode).toBe(200);

    const read = await http.call(null, 'GET', `/api/v1/matches/${match.id}/lineups`);
    expect(read.statusCode).toBe(200);
    const view = read.json<LineupsView>();
    expect(view.teams.map((x) => x.teamId)).toEqual([home.teamId, away.teamId]);
    expect(view.teams[0]).toEqual({
      teamId: home.teamId,
      teamName: expect.stringMatching(/^Yard /),
      logo: {
        mediaId: logoId,
        variants: {
          'logo-128': `/api/v1/public-media/${logoId}/logo-128`,
          'logo-512': `/api/v1/public-media/${logoId}/logo-512`,
        },
      },
      players: [
        {
          playerId: keeper.id,
          displayName: 'Lev Yashin',
          avatar: {
            mediaId: avatarId,
            variants: {
              'avatar-200': `/api/v1/public-media/${avatarId}/avatar-200`,
              'avatar-400': `/api/v1/public-media/${avatarId}/avatar-400`,
            },
          },
          goalkeeper: true,
        },
        { playerId: striker.id, displayName: 'Striker', avatar: null, goalkeeper: false },
      ],
    });
    expect(view.teams[1]).toMatchObject({ teamId: away.teamId, logo: null, players: [] });

    // The standings show the logo next to the name.
    const standings = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`)).json();
    const homeRow = standings.groups[0].rows.find((r: { teamId: string }) => r.teamId === home.teamId);
    expect(homeRow).toMatchObject({ teamName: expect.any(String), teamLogo: { mediaId: logoId } });
    // So does the match list.
    const listed = (await http.matches(cup.id)).find((m) => m.id === match.id) as unknown as Record<string, unknown>;
    expect(listed).toMatchObject({ homeTeamName: expect.stringMatching(/^Yard /), homeTeamLogo: { mediaId: logoId } });
    expect(listed.awayTeamLogo).toBeUndefined();

    // A deleted account keeps its place in the lineup, without a name.
    await userEvent('user.deleted', striker.id, { userId: striker.id });
    await eventually(async () => !(await players.profiles([striker.id])).has(striker.id), 45_000);
    const after = (await http.call(null, 'GET', `/api/v1/matches/${match.id}/lineups`)).json<LineupsView>();
    expect(after.teams[0].players.find((p) => p.playerId === striker.id)).toMatchObject({ displayName: null });
  });

  it('hides the lineups of a private tournament from strangers and answers 404 for an unknown match', async () => {
    const { match, organizer, cup } = await leagueMatch();
    const closed = await http.call(organizer, 'PATCH', `/api/v1/tournaments/${cup.id}`, { visibility: 'private' });
    expect(closed.statusCode).toBe(200);
    for (const reader of [null, newUser()]) {
      const refused = await http.call(reader, 'GET', `/api/v1/matches/${match.id}/lineups`);
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'MATCH_NOT_FOUND' });
    }
    expect((await http.call(organizer, 'GET', `/api/v1/matches/${match.id}/lineups`)).statusCode).toBe(200);
    const unknown = await http.call(null, 'GET', `/api/v1/matches/${randomUUID()}/lineups`);
    expect(unknown.statusCode).toBe(404);
    expect((await http.call(null, 'GET', '/api/v1/matches/not-a-uuid/lineups')).statusCode).toBe(400);
  });
});
