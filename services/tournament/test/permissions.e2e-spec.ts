import {
  api,
  newOrganizer,
  newUser,
  startTournamentApp,
  type TestUser,
  type TournamentTestApp,
} from './support/tournament-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
/** [who, status, code]: `null` is an anonymous caller. */
type Refusal = [caller: TestUser | null, status: number, code: string];

/**
 * The object-level permission matrix on one public tournament: each write is tried by everyone who
 * must not make it — anonymous callers, strangers, players, the other team's captain, a captain of a
 * team outside the match, and another organizer — and then the state is checked to be untouched.
 */
describe('permission matrix: who may change a tournament, a registration and a match', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function team(name: string) {
    const captain = newUser();
    const player = newUser();
    return { captain, player, teamId: await t.seedTeam(captain, [player], name) };
  }

  async function expectRefused(method: Method, url: string, body: unknown, refusals: Refusal[]) {
    for (const [caller, status, code] of refusals) {
      const res = await http.call(caller, method, url, body);
      expect({ url, caller: caller?.id ?? 'anonymous', status: res.statusCode, code: res.json().code }).toEqual({
        url,
        caller: caller?.id ?? 'anonymous',
        status,
        code,
      });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  }

  it('refuses every write to anyone but the tournament organizer, the right captain or the referee', async () => {
    const organizer = newOrganizer();
    const otherOrganizer = newOrganizer();
    const stranger = newUser();
    const cup = await http.createTournament(organizer, { name: 'Matrix Cup' });
    const [a, b, c, late, outsider] = await Promise.all(['A', 'B', 'C', 'Late', 'Outsider'].map((n) => team(n)));
    await http.enter(organizer, cup.id, [a, b, c]);
    const lateRegistration = await http.call(late.captain, 'POST', `/api/v1/tournaments/${cup.id}/registrations`, {
      teamId: late.teamId,
    });
    expect(lateRegistration.statusCode).toBe(201);
    const base = `/api/v1/tournaments/${cup.id}`;
    const NOT_ORGANIZER = 'TOURNAMENT_NOT_ORGANIZER';
    const anonymous: Refusal = [null, 401, 'UNAUTHENTICATED'];

    // The tournament itself and its registrations.
    await expectRefused('PATCH', base, { name: 'Taken over' }, [
      anonymous,
      [stranger, 403, 'FORBIDDEN'],
      [a.captain, 403, 'FORBIDDEN'],
      [otherOrganizer, 403, NOT_ORGANIZER],
    ]);
    await expectRefused('POST', `${base}/cancel`, {}, [
      [a.captain, 403, 'FORBIDDEN'],
      [otherOrganizer, 403, NOT_ORGANIZER],
    ]);
    await expectRefused('POST', `${base}/registrations`, { teamId: outsider.teamId }, [
      anonymous,
      [stranger, 403, 'REGISTRATION_NOT_CAPTAIN'],
      [outsider.player, 403, 'REGISTRATION_NOT_CAPTAIN'],
      [a.captain, 403, 'REGISTRATION_NOT_CAPTAIN'],
    ]);
    for (const decision of ['approve', 'reject'])
      await expectRefused('POST', `${base}/registrations/${late.teamId}/${decision}`, {}, [
        anonymous,
        [late.captain, 403, 'FORBIDDEN'],
        [otherOrganizer, 403, NOT_ORGANIZER],
      ]);
    for (const action of ['withdraw', 'check-in'])
      await expectRefused('POST', `${base}/registrations/${a.teamId}/${action}`, {}, [
        anonymous,
        [stranger, 403, 'REGISTRATION_NOT_CAPTAIN'],
        [a.player, 403, 'REGISTRATION_NOT_CAPTAIN'],
        [b.captain, 403, 'REGISTRATION_NOT_CAPTAIN'],
      ]);
    for (const step of ['fixtures', 'schedule', 'rounds'])
      await expectRefused('POST', `${base}/${step}`, {}, [
        anonymous,
        [a.captain, 403, 'FORBIDDEN'],
        [otherOrganizer, 403, NOT_ORGANIZER],
      ]);
    await expectRefused('POST', `${base}/lots`, {}, [
      [a.captain, 403, 'FORBIDDEN'],
      [otherOrganizer, 403, NOT_ORGANIZER],
    ]);

    const registrations = await http.call(organizer, 'GET', `${base}/registrations?limit=10`);
    expect(
      Object.fromEntries(
        registrations.json<{ items: { teamId: string; status: string }[] }>().items.map((r) => [r.teamId, r.status]),
      ),
    ).toEqual({ [a.teamId]: 'approved', [b.teamId]: 'approved', [c.teamId]: 'approved', [late.teamId]: 'pending' });
    expect((await http.call(null, 'GET', base)).json().name).toBe('Matrix Cup');

    // Matches: one reported by its home captain, one not started.
    expect((await http.call(organizer, 'POST', `${base}/fixtures`)).statusCode).toBe(201);
    const [reported, untouched] = await http.matches(cup.id);
    const teams = [a, b, c];
    const side = (teamId: string | null) => teams.find((x) => x.teamId === teamId)!;
    const home = side(reported.homeTeamId);
    const away = side(reported.awayTeamId);
    const thirdCaptain = teams.find((x) => x !== home && x !== away)!.captain;
    const matchUrl = `/api/v1/matches/${reported.id}`;
    const notAllowed = (caller: TestUser): Refusal => [caller, 403, 'MATCH_NOT_ALLOWED'];

    await expectRefused('POST', `${matchUrl}/result`, { homeScore: 5, awayScore: 0 }, [
      anonymous,
      notAllowed(stranger),
      notAllowed(home.player),
      notAllowed(thirdCaptain),
      notAllowed(otherOrganizer),
    ]);
    expect(
      (await http.call(home.captain, 'POST', `${matchUrl}/result`, { homeScore: 1, awayScore: 0 })).statusCode,
    ).toBe(200);
    await expectRefused('POST', `${matchUrl}/confirm`, {}, [
      anonymous,
      notAllowed(stranger),
      notAllowed(away.player),
      notAllowed(thirdCaptain),
      notAllowed(otherOrganizer),
    ]);
    await expectRefused('POST', `${matchUrl}/dispute`, { reason: 'We scored twice' }, [
      anonymous,
      notAllowed(stranger),
      notAllowed(away.player),
      notAllowed(thirdCaptain),
      notAllowed(otherOrganizer),
    ]);
    const organizerOnly: [Method, string, unknown][] = [
      ['POST', 'resolve', { homeScore: 0, awayScore: 3 }],
      ['POST', 'forfeit', { forfeitedBy: home.teamId }],
      ['POST', 'reopen', {}],
      ['PATCH', 'schedule', { startsAt: reported.startsAt, pitchId: reported.pitchId }],
      ['POST', 'postpone', {}],
      ['POST', 'cancel', {}],
      ['PUT', 'referee', { refereeId: stranger.id }],
    ];
    for (const [method, action, body] of organizerOnly)
      await expectRefused(method, `${matchUrl}/${action}`, body, [
        anonymous,
        [away.captain, 403, 'FORBIDDEN'],
        notAllowed(otherOrganizer),
      ]);

    const liveUrl = `/api/v1/matches/${untouched.id}`;
    await expectRefused('POST', `${liveUrl}/events`, { kind: 'kick_off', minute: 0, period: 1 }, [
      anonymous,
      [stranger, 403, 'MATCH_EVENT_NOT_RECORDER'],
      [side(untouched.homeTeamId).captain, 403, 'MATCH_EVENT_NOT_RECORDER'],
      [otherOrganizer, 403, 'MATCH_EVENT_NOT_RECORDER'],
    ]);
    const homeOfLive = side(untouched.homeTeamId);
    await expectRefused(
      'PUT',
      `${liveUrl}/lineups/${homeOfLive.teamId}`,
      { players: [{ playerId: homeOfLive.player.id }] },
      [
        anonymous,
        [stranger, 403, 'MATCH_LINEUP_NOT_ALLOWED'],
        [homeOfLive.player, 403, 'MATCH_LINEUP_NOT_ALLOWED'],
        [side(untouched.awayTeamId).captain, 403, 'MATCH_LINEUP_NOT_ALLOWED'],
      ],
    );

    expect((await http.call(null, 'GET', matchUrl)).json()).toMatchObject({
      status: 'finished',
      homeScore: 1,
      awayScore: 0,
      reportedBy: home.captain.id,
      startsAt: reported.startsAt,
    });
    expect((await http.call(null, 'GET', matchUrl)).json().refereeId).toBeUndefined();
    expect((await http.call(null, 'GET', liveUrl)).json()).toMatchObject({ status: 'scheduled', lastSequence: 0 });

    // The rights refused above are granted: the away captain confirms, a referee records events.
    expect((await http.call(away.captain, 'POST', `${matchUrl}/confirm`)).json().status).toBe('confirmed');
    const referee = newUser();
    expect((await http.call(organizer, 'PUT', `${liveUrl}/referee`, { refereeId: referee.id })).json().refereeId).toBe(
      referee.id,
    );
    const kickOff = await http.call(referee, 'POST', `${liveUrl}/events`, { kind: 'kick_off', minute: 0, period: 1 });
    expect(kickOff.statusCode).toBe(201);
    await expectRefused('POST', `/api/v1/matches/${reported.id}/events`, { kind: 'kick_off', minute: 0, period: 1 }, [
      [referee, 403, 'MATCH_EVENT_NOT_RECORDER'],
    ]);
  });
});
