import { checkOpenApiDocument, findRoutesWithoutAccessPolicy } from '@prodvor/platform';
import { join } from 'node:path';
import {
  api,
  newOrganizer,
  newUser,
  startTournamentApp,
  tournamentBody,
  type TournamentTestApp,
} from './support/tournament-app';

describe('tournaments and registrations over HTTP', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('marks every route as public, role-restricted or authenticated, and keeps openapi.json current', async () => {
    expect(findRoutesWithoutAccessPolicy(t.app)).toEqual([]);
    const { generated, checkedIn } = await checkOpenApiDocument(t.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });

  it('lets organizers create tournaments; players get 403, anonymous callers 401', async () => {
    const organizer = newOrganizer();
    const created = await http.call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ tieBreakerPreset: 'uefa_group_stage' }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      organizerId: organizer.id,
      status: 'registration',
      visibility: 'public',
      rules: { points: { win: 3, draw: 1, loss: 0, forfeit: 0 }, reapplyHeadToHead: true },
    });
    expect(created.json().rules.tieBreakers.slice(0, 2)).toEqual(['points', 'head_to_head_points']);
    expect(created.json().venues[0].pitches).toHaveLength(2);

    expect((await http.call(newUser(), 'POST', '/api/v1/tournaments', tournamentBody())).statusCode).toBe(403);
    expect((await http.call(null, 'POST', '/api/v1/tournaments', tournamentBody())).statusCode).toBe(401);
  });

  it('answers problem+json for bad input and for rules the body breaks', async () => {
    const organizer = newOrganizer();
    const bad = await http.call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ format: 'lottery', minTeams: 1, extra: true }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['format', 'minTeams', 'extra']),
    );

    const dates = await http.call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ endsAt: '2020-01-01T00:00:00Z' }),
    );
    expect(dates.statusCode).toBe(422);
    expect(dates.json().code).toBe('TOURNAMENT_INVALID_DATES');
    const limits = await http.call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ minTeams: 8, maxTeams: 4 }),
    );
    expect(limits.json().code).toBe('TOURNAMENT_INVALID_TEAM_LIMITS');
    const groups = await http.call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ format: 'groups_playoffs', minTeams: 4, options: { groupCount: 4 } }),
    );
    expect(groups.json().code).toBe('TOURNAMENT_INVALID_FORMAT_OPTIONS');
    const overlap = tournamentBody();
    const window = { start: '2030-01-01T10:00:00Z', end: '2030-01-01T12:00:00Z' };
    overlap.venues[0].pitches[0].windows = [window, { start: '2030-01-01T11:00:00Z', end: '2030-01-01T13:00:00Z' }];
    const venues = await http.call(organizer, 'POST', '/api/v1/tournaments', overlap);
    expect(venues.json().code).toBe('TOURNAMENT_INVALID_VENUES');
    const huge = await http.call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ venues: Array(21).fill(tournamentBody().venues[0]) }),
    );
    expect(huge.statusCode).toBe(400);
  });

  it('limits tournament creation to 30 an hour per organizer and bodies to 1 MiB', async () => {
    const organizer = newOrganizer();
    const answers = await Promise.all(
      Array.from({ length: 31 }, () => http.call(organizer, 'POST', '/api/v1/tournaments', { name: 'x' })),
    );
    expect(answers.filter((a) => a.statusCode === 400)).toHaveLength(30);
    const refused = answers.find((a) => a.statusCode === 429);
    expect(refused?.json().code).toBe('RATE_LIMITED');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await http.call(newOrganizer(), 'POST', '/api/v1/tournaments', tournamentBody())).statusCode).toBe(201);

    const oversized = await http.call(
      newOrganizer(),
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ description: 'x'.repeat(1024 * 1024) }),
    );
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('creates one tournament per Idempotency-Key and refuses the key for a different body', async () => {
    const organizer = newOrganizer();
    const headers = { 'idempotency-key': 'create-cup-0001' };
    const [a, b] = await Promise.all([
      http.call(organizer, 'POST', '/api/v1/tournaments', tournamentBody(), headers),
      http.call(organizer, 'POST', '/api/v1/tournaments', tournamentBody(), headers),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    const other = await http.call(
      organizer,
      'POST',
      '/api/v1/tournaments',
      tournamentBody({ name: 'Another cup' }),
      headers,
    );
    expect(other.json().code).toBe('TOURNAMENT_IDEMPOTENCY_KEY_REUSED');
  });

  it('hides a private tournament from strangers and shows it to its organizer and participants', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { visibility: 'private', name: 'Secret cup' });
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}`)).statusCode).toBe(404);
    expect((await http.call(newUser(), 'GET', `/api/v1/tournaments/${cup.id}/standings`)).statusCode).toBe(404);
    expect(
      (await http.call(newOrganizer(), 'PATCH', `/api/v1/tournaments/${cup.id}`, { name: 'Mine now' })).statusCode,
    ).toBe(404);
    expect((await http.call(organizer, 'GET', `/api/v1/tournaments/${cup.id}`)).statusCode).toBe(200);

    const captain = newUser();
    const player = newUser();
    const teamId = await t.seedTeam(captain, [player]);
    // A private tournament is joined by invitation: the organizer's code admits a captain who cannot see it;
    // registering makes the team a participant.
    const register = (body: Record<string, unknown>) =>
      http.call(captain, 'POST', `/api/v1/tournaments/${cup.id}/registrations`, { teamId, ...body });
    expect((await register({})).statusCode).toBe(404);
    const invites = `/api/v1/tournaments/${cup.id}/invites`;
    expect((await http.call(newOrganizer(), 'POST', invites)).json().code).toBe('TOURNAMENT_NOT_FOUND');
    expect((await http.call(captain, 'POST', invites)).statusCode).toBe(403);
    const invite = await http.call(organizer, 'POST', invites);
    expect(invite.statusCode).toBe(201);
    const { code } = invite.json<{ code: string }>();
    expect(code).toMatch(/^[\w-]{22}$/);
    const wrong = await register({ inviteCode: `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe('TOURNAMENT_NOT_FOUND');
    const other = await http.createTournament(organizer, { visibility: 'private' });
    expect(
      (await http.call(captain, 'POST', `/api/v1/tournaments/${other.id}/registrations`, { teamId, inviteCode: code }))
        .statusCode,
    ).toBe(404);
    expect((await register({ inviteCode: code })).statusCode).toBe(201);
    expect((await http.call(player, 'GET', `/api/v1/tournaments/${cup.id}`)).statusCode).toBe(200);

    const publicList = await http.call(null, 'GET', '/api/v1/tournaments?limit=100');
    expect(publicList.json().items.map((x: { id: string }) => x.id)).not.toContain(cup.id);
    const mine = await http.call(organizer, 'GET', '/api/v1/tournaments?scope=mine');
    expect(
      mine
        .json()
        .items.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([cup.id, other.id].sort());
  });

  it('pages public tournaments with a stable cursor', async () => {
    const organizer = newOrganizer();
    for (let i = 0; i < 3; i++) await http.createTournament(organizer, { name: `Paging cup ${i}` });
    const first = await http.call(null, 'GET', '/api/v1/tournaments?q=paging&limit=2');
    expect(first.json().items).toHaveLength(2);
    const second = await http.call(
      null,
      'GET',
      `/api/v1/tournaments?q=paging&limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(second.json()).toMatchObject({
      items: [expect.objectContaining({ name: expect.stringMatching(/Paging cup/) })],
      nextCursor: null,
    });
    expect((await http.call(null, 'GET', '/api/v1/tournaments?limit=101')).statusCode).toBe(400);
    expect((await http.call(null, 'GET', '/api/v1/tournaments?cursor=%%%')).json().code).toBe('INVALID_CURSOR');
  });

  it('registers a team by its captain only, once, within the window and the capacity', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { maxTeams: 2 });
    const captain = newUser();
    const player = newUser();
    const teamId = await t.seedTeam(captain, [player]);
    const url = `/api/v1/tournaments/${cup.id}/registrations`;

    expect((await http.call(player, 'POST', url, { teamId })).json().code).toBe('REGISTRATION_NOT_CAPTAIN');
    // A team this service has not heard of (yet) is unknown, whoever asks: not a refusal of its captain.
    expect(
      (await http.call(captain, 'POST', url, { teamId: '00000000-0000-4000-8000-000000000000' })).json().code,
    ).toBe('REGISTRATION_UNKNOWN_TEAM');
    const registered = await http.call(captain, 'POST', url, { teamId });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ status: 'pending', teamId });
    expect((await http.call(captain, 'POST', url, { teamId })).json().code).toBe('REGISTRATION_ALREADY_REGISTERED');

    const stranger = newOrganizer();
    const approveUrl = `${url}/${teamId}/approve`;
    expect((await http.call(stranger, 'POST', approveUrl, {})).json().code).toBe('TOURNAMENT_NOT_ORGANIZER');
    expect((await http.call(captain, 'POST', approveUrl, {})).statusCode).toBe(403);
    expect((await http.call(organizer, 'POST', approveUrl, { seed: 1 })).json()).toMatchObject({
      status: 'approved',
      seed: 1,
    });

    const others = await Promise.all(
      [0, 1].map(async () => {
        const c = newUser();
        const id = await t.seedTeam(c);
        await http.call(c, 'POST', url, { teamId: id });
        return id;
      }),
    );
    expect((await http.call(organizer, 'POST', `${url}/${others[0]}/approve`, {})).statusCode).toBe(200);
    expect((await http.call(organizer, 'POST', `${url}/${others[1]}/approve`, {})).json().code).toBe(
      'REGISTRATION_FULL',
    );
    expect((await http.call(organizer, 'POST', `${url}/${others[1]}/reject`, {})).json().status).toBe('rejected');

    const list = await http.call(player, 'GET', `${url}?status=approved`);
    expect(
      list
        .json()
        .items.map((r: { teamId: string }) => r.teamId)
        .sort(),
    ).toEqual([teamId, others[0]].sort());
    expect((await http.call(null, 'GET', url)).statusCode).toBe(401);
  });

  it('refuses registration outside the window and opens check-in in the 48 hours before the start', async () => {
    const organizer = newOrganizer();
    const now = Date.now();
    const cup = await http.createTournament(organizer, {
      registrationOpensAt: new Date(now + 86_400_000).toISOString(),
      registrationClosesAt: new Date(now + 2 * 86_400_000).toISOString(),
      startsAt: new Date(now + 4 * 86_400_000).toISOString(),
    });
    const captain = newUser();
    const teamId = await t.seedTeam(captain);
    const url = `/api/v1/tournaments/${cup.id}/registrations`;
    expect((await http.call(captain, 'POST', url, { teamId })).json().code).toBe('REGISTRATION_CLOSED');

    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(now + 1.5 * 86_400_000));
    expect((await http.call(captain, 'POST', url, { teamId })).statusCode).toBe(201);
    await http.call(organizer, 'POST', `${url}/${teamId}/approve`, {});
    expect((await http.call(captain, 'POST', `${url}/${teamId}/check-in`)).json().code).toBe(
      'REGISTRATION_CHECK_IN_CLOSED',
    );
    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(now + 3 * 86_400_000));
    const checked = await http.call(captain, 'POST', `${url}/${teamId}/check-in`);
    expect(checked.statusCode).toBe(200);
    expect(checked.json().checkedInAt).toBeDefined();
    expect((await http.call(newUser(), 'POST', `${url}/${teamId}/check-in`)).statusCode).toBe(403);

    const withdrawn = await http.call(captain, 'POST', `${url}/${teamId}/withdraw`);
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('fixes dates, limits and venues once fixtures exist, and cancels what is not played', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer);
    const teams = await Promise.all(
      [0, 1, 2].map(async () => {
        const captain = newUser();
        return { captain, teamId: await t.seedTeam(captain) };
      }),
    );
    await http.enter(organizer, cup.id, teams);
    expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`)).statusCode).toBe(201);
    const locked = await http.call(organizer, 'PATCH', `/api/v1/tournaments/${cup.id}`, { maxTeams: 10 });
    expect(locked.json().code).toBe('TOURNAMENT_LOCKED');
    expect(
      (await http.call(organizer, 'PATCH', `/api/v1/tournaments/${cup.id}`, { name: 'Renamed cup' })).json().name,
    ).toBe('Renamed cup');
    expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/cancel`)).json().status).toBe(
      'cancelled',
    );
    expect((await http.matches(cup.id)).every((m) => m.status === 'cancelled')).toBe(true);
  });
});
