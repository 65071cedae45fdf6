import { randomUUID } from 'node:crypto';
import {
  api,
  newOrganizer,
  newUser,
  startCup,
  startTournamentApp,
  type TournamentTestApp,
} from './support/tournament-app';

describe('careers over HTTP', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts matches, titles and placements of a team and its player across tournaments, newest first', async () => {
    // A final between two teams: the home side wins with its player in the lineup.
    const first = await startCup(t, http, 'single_elimination', 2, { players: 1 });
    const [home, away] = first.teams;
    const [final] = await first.scheduled();
    const homeTeam = final.homeTeamId!;
    const lineup = await http.call(first.organizer, 'PUT', `/api/v1/matches/${final.id}/lineups/${homeTeam}`, {
      players: [{ playerId: home.captain.id }],
    });
    expect(lineup.statusCode).toBe(200);
    await first.win(final, homeTeam);

    // A later league with the same teams: a loss, second place.
    const organizer = newOrganizer();
    const later = await http.createTournament(organizer, {
      format: 'round_robin',
      name: 'Later cup',
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    await http.enter(organizer, later.id, [home, away]);
    await http.call(organizer, 'POST', `/api/v1/tournaments/${later.id}/fixtures`);
    const [league] = (await http.matches(later.id)).filter((m) => m.status === 'scheduled');
    const patched = await http.call(organizer, 'PATCH', `/api/v1/tournaments/${later.id}`, { visibility: 'private' });
    expect(patched.json()).toMatchObject({ visibility: 'private' });
    const loser = homeTeam === league.homeTeamId;
    await http.call(organizer, 'POST', `/api/v1/matches/${league.id}/result`, {
      homeScore: loser ? 0 : 2,
      awayScore: loser ? 2 : 0,
    });

    const member = home.captain;
    const team = await http.call(member, 'GET', `/api/v1/teams/${homeTeam}/career`);
    expect(team.statusCode).toBe(200);
    expect(team.json()).toMatchObject({
      teamId: homeTeam,
      teamName: expect.stringMatching(/^Seed \d$/),
      totals: { tournaments: 2, titles: 1, matches: 2, won: 1, drawn: 0, lost: 1, goalsFor: 1, goalsAgainst: 2 },
      nextCursor: null,
    });
    const items = team.json().items;
    expect(items.map((i: { tournamentId: string }) => i.tournamentId)).toEqual([later.id, first.cup.id]);
    expect(items[0]).toMatchObject({ name: 'Later cup', placement: { place: 2, placeLabel: '2' }, lost: 1 });
    expect(items[1]).toMatchObject({ placement: { place: 1, placeLabel: '1' }, status: 'finished', won: 1 });

    const page1 = (await http.call(member, 'GET', `/api/v1/teams/${homeTeam}/career?limit=1`)).json();
    expect(page1.items).toHaveLength(1);
    const page2 = await http.call(member, 'GET', `/api/v1/teams/${homeTeam}/career?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.json()).toMatchObject({ items: [{ tournamentId: first.cup.id }], nextCursor: null });

    const captain = await http.call(null, 'GET', `/api/v1/players/${home.captain.id}/career`);
    expect(captain.json()).toMatchObject({
      userId: home.captain.id,
      totals: { tournaments: 1, titles: 1, appearances: 1, matches: 1, won: 1, goals: 0 },
      items: [{ tournamentId: first.cup.id, teamId: homeTeam, placement: { place: 1 } }],
    });

    // The later tournament is private: a stranger does not see it, the organizer and the teams' members do.
    const stranger = (await http.call(newUser(), 'GET', `/api/v1/teams/${homeTeam}/career`)).json();
    expect(stranger.totals.tournaments).toBe(1);
    expect(JSON.stringify(stranger)).not.toContain(later.id);
    const own = (await http.call(organizer, 'GET', `/api/v1/teams/${homeTeam}/career`)).json();
    expect(own.totals.tournaments).toBe(2);
  });

  it('answers an empty career for a user without matches, 404 for an unknown team and 400 for bad input', async () => {
    const nobody = await http.call(null, 'GET', `/api/v1/players/${randomUUID()}/career`);
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toMatchObject({ totals: { tournaments: 0, matches: 0 }, items: [], nextCursor: null });

    const unknown = await http.call(null, 'GET', `/api/v1/teams/${randomUUID()}/career`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CAREER_TEAM_NOT_FOUND');

    for (const url of [
      '/api/v1/teams/not-a-uuid/career',
      '/api/v1/players/not-a-uuid/career',
      `/api/v1/players/${randomUUID()}/career?limit=51`,
      `/api/v1/players/${randomUUID()}/career?cursor=garbage`,
    ]) {
      const res = await http.call(null, 'GET', url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
