import { envelopeSchemaFor, Topics } from '@prodvor/contracts';
import {
  captureNotificationJobs,
  eventually,
  probeTopic,
  type NotificationJob,
  type NotificationJobs,
} from '@prodvor/testing';
import {
  api,
  newOrganizer,
  newUser,
  startTournamentApp,
  type MatchView,
  type TestUser,
  type TournamentTestApp,
} from './support/tournament-app';

describe('a league: fixtures, scheduling, results, disputes and standings', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;
  let jobs: NotificationJobs;
  let delivered: NotificationJob[];

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
    jobs = await captureNotificationJobs(t.vhost.url);
    delivered = jobs.received;
  });

  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  async function league(teamCount: number, overrides: Record<string, unknown> = {}) {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, overrides);
    const teams: { captain: TestUser; player: TestUser; teamId: string }[] = [];
    for (let i = 0; i < teamCount; i++) {
      const captain = newUser();
      const player = newUser();
      teams.push({ captain, player, teamId: await t.seedTeam(captain, [player], `Team ${i + 1}`) });
    }
    await http.enter(organizer, cup.id, teams);
    const generated = await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`);
    expect(generated.statusCode).toBe(201);
    const captainOf = (teamId: string | null) => teams.find((x) => x.teamId === teamId)!.captain;
    return { organizer, cup, teams, captainOf, generated: generated.json<{ matches: number; scheduled: number }>() };
  }

  it('generates a round robin and schedules it without double-booking a team or a pitch', async () => {
    const { cup, generated } = await league(5);
    expect(generated).toMatchObject({ matches: 10, scheduled: 10, unscheduled: [] });
    const matches = await http.matches(cup.id);
    const pairs = new Set(matches.map((m) => [m.homeTeamId, m.awayTeamId].sort().join('|')));
    expect(pairs.size).toBe(10);
    const overlaps = (a: MatchView, b: MatchView) =>
      Date.parse(a.startsAt!) < Date.parse(b.endsAt!) && Date.parse(b.startsAt!) < Date.parse(a.endsAt!);
    for (const a of matches)
      for (const b of matches) {
        if (a.id === b.id || !overlaps(a, b)) continue;
        expect(a.pitchId).not.toBe(b.pitchId);
        expect([a.homeTeamId, a.awayTeamId]).not.toContain(b.homeTeamId);
        expect([a.homeTeamId, a.awayTeamId]).not.toContain(b.awayTeamId);
      }
    const ics = await http.call(null, 'GET', `/api/v1/calendar/tournaments/${cup.id}.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(10);
    expect(ics.body).toContain('LOCATION:Yard 7\\, North');
  });

  it('runs report → confirm, refuses the reporter confirming itself and strangers, and updates standings', async () => {
    const { cup, captainOf, organizer } = await league(3);
    const [first] = await http.matches(cup.id);
    const home = captainOf(first.homeTeamId);
    const away = captainOf(first.awayTeamId);
    const url = `/api/v1/matches/${first.id}`;

    expect((await http.call(newUser(), 'POST', `${url}/result`, { homeScore: 9, awayScore: 0 })).json().code).toBe(
      'MATCH_NOT_ALLOWED',
    );
    expect(
      (
        await http.call(home, 'POST', `${url}/result`, { homeScore: 2, awayScore: 1, winnerTeamId: first.homeTeamId })
      ).json().code,
    ).toBe('MATCH_INVALID_RESULT');
    const reported = await http.call(home, 'POST', `${url}/result`, { homeScore: 2, awayScore: 1 });
    expect(reported.json()).toMatchObject({ status: 'finished', homeScore: 2, awayScore: 1, reportedBy: home.id });
    expect((await http.call(home, 'POST', `${url}/result`, { homeScore: 2, awayScore: 1 })).statusCode).toBe(200);
    expect((await http.call(home, 'POST', `${url}/confirm`)).json().code).toBe('MATCH_OWN_REPORT');
    expect((await http.call(newUser(), 'POST', `${url}/confirm`)).json().code).toBe('MATCH_NOT_ALLOWED');
    expect(
      (await http.call(newOrganizer(), 'POST', `${url}/resolve`, { homeScore: 0, awayScore: 0 })).json().code,
    ).toBe('MATCH_NOT_ALLOWED');

    const before = await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`);
    expect(before.json().groups[0].rows.every((r: { played: number }) => r.played === 0)).toBe(true);
    expect((await http.call(away, 'POST', `${url}/confirm`)).json().status).toBe('confirmed');
    const after = await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`);
    expect(after.json().groups[0].rows[0]).toMatchObject({
      position: 1,
      teamId: first.homeTeamId,
      points: 3,
      goalsFor: 2,
      form: ['W'],
    });

    await t.flushNotifications();
    await eventually(async () => delivered.some((n) => n.kind === 'result_request' && n.userId === away.id));
    expect(delivered.find((n) => n.kind === 'result_request' && n.userId === away.id)!.data.matchId).toBe(first.id);
    expect((await http.call(organizer, 'POST', `${url}/confirm`)).json().code).toBe('MATCH_INVALID_STATE');
  });

  it('takes a dispute to the organizer, who resolves it; silence confirms after the window', async () => {
    const { cup, captainOf, organizer } = await league(3, { confirmWindowHours: 2 });
    const [first, second] = await http.matches(cup.id);
    const url = `/api/v1/matches/${first.id}`;
    await http.call(captainOf(first.homeTeamId), 'POST', `${url}/result`, { homeScore: 3, awayScore: 0 });
    const disputed = await http.call(captainOf(first.awayTeamId), 'POST', `${url}/dispute`, { reason: 'It was 1-3' });
    expect(disputed.json()).toMatchObject({ status: 'disputed', disputeReason: 'It was 1-3' });
    await t.flushNotifications();
    await eventually(async () => delivered.some((n) => n.kind === 'result_disputed' && n.userId === organizer.id));
    const resolved = await http.call(organizer, 'POST', `${url}/resolve`, { homeScore: 1, awayScore: 3 });
    expect(resolved.json()).toMatchObject({ status: 'confirmed', homeScore: 1, awayScore: 3 });

    await http.call(captainOf(second.awayTeamId), 'POST', `/api/v1/matches/${second.id}/result`, {
      homeScore: 0,
      awayScore: 0,
    });
    await t.sweep();
    expect((await http.call(null, 'GET', `/api/v1/matches/${second.id}`)).json().status).toBe('finished');
    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(Date.now() + 3 * 3_600_000));
    await t.sweep();
    vi.restoreAllMocks();
    expect((await http.call(null, 'GET', `/api/v1/matches/${second.id}`)).json().status).toBe('confirmed');
    const table = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`)).json().groups[0].rows;
    // 3 teams: the two matches share a team
    expect(table.map((r: { played: number }) => r.played).sort()).toEqual([1, 1, 2]);
  });

  it('publishes the result lifecycle: reported (awaiting the opponent), disputed, confirmed, reopened', async () => {
    const probe = await probeTopic(t.kafka, Topics.tournamentEvents);
    try {
      const { cup, captainOf, organizer } = await league(3, { confirmWindowHours: 2 });
      const [first, second] = await http.matches(cup.id);
      const url = `/api/v1/matches/${first.id}`;
      const reported = await http.call(captainOf(first.awayTeamId), 'POST', `${url}/result`, {
        homeScore: 3,
        awayScore: 0,
      });
      const confirmBy = reported.json().confirmBy;
      // The same report again is answered as before and publishes nothing more.
      await http.call(captainOf(first.awayTeamId), 'POST', `${url}/result`, { homeScore: 3, awayScore: 0 });
      await http.call(captainOf(first.homeTeamId), 'POST', `${url}/dispute`, { reason: 'It was 1-3' });
      await http.call(organizer, 'POST', `${url}/resolve`, { homeScore: 1, awayScore: 3 });
      expect((await http.call(organizer, 'POST', `${url}/reopen`)).json().status).toBe('disputed');
      // An organizer's report is final at once: only result_confirmed.
      await http.call(organizer, 'POST', `/api/v1/matches/${second.id}/result`, { homeScore: 2, awayScore: 2 });
      await t.flushOutbox();

      const lifecycle = (matchId: string) =>
        probe.received.filter((e) => e.envelope.data.matchId === matchId && e.envelope.type.includes('.result_'));
      await probe.waitFor(() => lifecycle(first.id).length >= 4 && lifecycle(second.id).length >= 1);
      for (const { envelope } of [...lifecycle(first.id), ...lifecycle(second.id)])
        expect(envelopeSchemaFor(envelope.type).safeParse(envelope).success).toBe(true);
      const match = {
        tournamentId: cup.id,
        matchId: first.id,
        homeTeamId: first.homeTeamId,
        awayTeamId: first.awayTeamId,
      };
      expect(lifecycle(first.id).map((e) => ({ type: e.envelope.type, data: e.envelope.data }))).toEqual([
        {
          type: 'tournament.match.result_reported',
          data: { ...match, homeScore: 3, awayScore: 0, reportedByTeamId: first.awayTeamId, confirmBy },
        },
        { type: 'tournament.match.result_disputed', data: { ...match, disputedByTeamId: first.homeTeamId } },
        { type: 'tournament.match.result_confirmed', data: expect.objectContaining({ homeScore: 1, awayScore: 3 }) },
        { type: 'tournament.match.result_reopened', data: match },
      ]);
      expect(lifecycle(first.id).every((e) => e.key === cup.id)).toBe(true);
      expect(lifecycle(second.id).map((e) => e.envelope.type)).toEqual(['tournament.match.result_confirmed']);
    } finally {
      await probe.stop();
    }
  });

  it('reschedules with a clear reason for a conflict, postpones, and reminds the teams once', async () => {
    const { cup, organizer, teams } = await league(4);
    const matches = await http.matches(cup.id);
    const [a, b] = matches.filter((m) => m.round === 1);
    const clash = await http.call(organizer, 'PATCH', `/api/v1/matches/${a.id}/schedule`, {
      startsAt: b.startsAt,
      pitchId: b.pitchId,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      code: 'MATCH_SCHEDULE_CONFLICT',
      detail: expect.stringMatching(/^PITCH_BUSY/),
    });
    const outside = await http.call(organizer, 'PATCH', `/api/v1/matches/${a.id}/schedule`, {
      startsAt: '2031-01-01T03:00:00.000Z',
      pitchId: a.pitchId,
    });
    expect(outside.json().detail).toMatch(/^OUTSIDE_WINDOW/);
    expect(
      (
        await http.call(teams[0].captain, 'PATCH', `/api/v1/matches/${a.id}/schedule`, {
          startsAt: a.startsAt,
          pitchId: a.pitchId,
        })
      ).statusCode,
    ).toBe(403);

    const postponed = await http.call(organizer, 'POST', `/api/v1/matches/${a.id}/postpone`);
    expect(postponed.json()).toMatchObject({ status: 'postponed' });
    expect(postponed.json().startsAt).toBeUndefined();
    const rescheduled = await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/schedule`);
    expect(rescheduled.json()).toMatchObject({ scheduled: 1, unscheduled: [] });
    const moved = (await http.call(null, 'GET', `/api/v1/matches/${a.id}`)).json();
    expect(moved.status).toBe('scheduled');
    expect(Date.parse(moved.startsAt)).toBeGreaterThanOrEqual(Math.max(...matches.map((m) => Date.parse(m.endsAt!))));

    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(Date.parse(b.startsAt!) - 3_600_000));
    await t.sweep();
    await t.sweep();
    vi.restoreAllMocks();
    await t.flushNotifications();
    const member = teams.find((x) => x.teamId === b.homeTeamId)!.player;
    await eventually(async () => delivered.some((n) => n.kind === 'match_reminder' && n.userId === member.id));
    const reminders = delivered.filter(
      (n) => n.kind === 'match_reminder' && n.data.matchId === b.id && n.userId === member.id,
    );
    expect(reminders).toHaveLength(1);
    // The start travels as data, so user-service renders it in the member's language and time zone.
    expect(reminders[0].data.startsAt).toBe(b.startsAt);
  });

  it('forfeits the remaining matches of a team that withdraws after the start', async () => {
    const { cup, organizer, teams } = await league(3, { forfeitGoals: 3 });
    const leaving = teams[0];
    const res = await http.call(
      leaving.captain,
      'POST',
      `/api/v1/tournaments/${cup.id}/registrations/${leaving.teamId}/withdraw`,
    );
    expect(res.json().status).toBe('withdrawn');
    const theirs = (await http.matches(cup.id)).filter(
      (m) => m.homeTeamId === leaving.teamId || m.awayTeamId === leaving.teamId,
    );
    expect(theirs).toHaveLength(2);
    for (const m of theirs) {
      expect(m.status).toBe('forfeited');
      expect(m.homeTeamId === leaving.teamId ? [m.homeScore, m.awayScore] : [m.awayScore, m.homeScore]).toEqual([0, 3]);
    }
    const rows = (await http.call(organizer, 'GET', `/api/v1/tournaments/${cup.id}/standings`)).json().groups[0].rows;
    expect(rows.at(-1)).toMatchObject({ teamId: leaving.teamId, lost: 2, goalsAgainst: 6, points: 0 });
  });

  it('caches public standings and drops them on the next confirmed result', async () => {
    const { cup, organizer } = await league(2);
    const [only] = await http.matches(cup.id);
    const hits = async () => {
      const metrics = await http.call(null, 'GET', '/metrics');
      return Number(/^cache_hits_total\{prefix="t"\} (\d+)$/m.exec(metrics.body)?.[1] ?? 0);
    };
    const first = await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`);
    expect(first.json().groups[0].rows[0].played).toBe(0);
    const hitsBefore = await hits();
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`)).body).toBe(first.body);
    // Two hits: the access check's facts (visibility, organizer) and the standings themselves.
    expect(await hits()).toBe(hitsBefore + 2);
    await http.call(organizer, 'POST', `/api/v1/matches/${only.id}/result`, { homeScore: 1, awayScore: 1 });
    const second = await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/standings`);
    expect(second.json().groups[0].rows.map((r: { points: number }) => r.points)).toEqual([1, 1]);
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}`)).json().status).toBe('finished');
  });
});
