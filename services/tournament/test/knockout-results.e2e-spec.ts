import { Topics } from '@prodvor/contracts';
import { probeTopic, type ReceivedEvent } from '@prodvor/testing';
import { TransactionRunner } from '../src/database/transaction-runner';
import { MatchesRepository } from '../src/matches/matches.repository';
import { api, startCup, startTournamentApp, type TestUser, type TournamentTestApp } from './support/tournament-app';

describe('knockout results: level matches, reopening, withdrawals', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;

  let liveEvents: Awaited<ReturnType<typeof probeTopic>>;
  let domainEvents: Awaited<ReturnType<typeof probeTopic>>;

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
    [liveEvents, domainEvents] = await Promise.all([
      probeTopic(t.kafka, Topics.matchEvents),
      probeTopic(t.kafka, Topics.tournamentEvents),
    ]);
  });

  afterAll(async () => {
    await Promise.all([liveEvents?.stop(), domainEvents?.stop()]);
    await t?.close();
  });

  const knockout = (format: string, teamCount: number, overrides: Record<string, unknown> = {}) =>
    startCup(t, http, format, teamCount, { overrides, players: 1 });

  it('a knockout match level at the final whistle needs its penalty shoot-out, which names the winner', async () => {
    const { organizer, cup, captainOf, scheduled } = await knockout('single_elimination', 2);
    const [final] = await scheduled();
    const record = (body: Record<string, unknown>) =>
      http.call(organizer, 'POST', `/api/v1/matches/${final.id}/events`, { minute: 1, period: 1, ...body });
    expect((await record({ kind: 'kick_off', minute: 0 })).statusCode).toBe(201);
    expect((await record({ kind: 'period_end', homePenalties: 1, awayPenalties: 0 })).json().code).toBe(
      'MATCH_EVENT_REJECTED',
    );
    const level = await record({ kind: 'final_whistle', minute: 40 });
    expect(level.statusCode).toBe(422);
    expect(level.json().code).toBe('MATCH_WINNER_REQUIRED');
    const drawnShootOut = await record({ kind: 'final_whistle', minute: 40, homePenalties: 3, awayPenalties: 3 });
    expect(drawnShootOut.json().code).toBe('MATCH_INVALID_RESULT');
    const whistle = await record({ kind: 'final_whistle', minute: 40, homePenalties: 3, awayPenalties: 4 });
    expect(whistle.statusCode).toBe(201);
    const finished = (await http.call(null, 'GET', `/api/v1/matches/${final.id}`)).json();
    expect(finished).toMatchObject({
      status: 'finished',
      homeScore: 0,
      awayScore: 0,
      homePenalties: 3,
      awayPenalties: 4,
      winnerTeamId: final.awayTeamId,
    });
    const confirmed = await http.call(captainOf(final.homeTeamId), 'POST', `/api/v1/matches/${final.id}/confirm`);
    expect(confirmed.json().status).toBe('confirmed');
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/bracket`)).json().championId).toBe(
      final.awayTeamId,
    );

    // consumers learn the shoot-out from the final whistle and from the confirmed result
    const ofMatch = (events: ReceivedEvent[], type: string) =>
      events.find((e) => e.envelope.type === type && e.envelope.data.matchId === final.id)?.envelope.data;
    const whistles = (events: ReceivedEvent[]) =>
      events.filter((e) => e.envelope.data.matchId === final.id && e.envelope.data.kind === 'final_whistle');
    await liveEvents.waitFor((events) => whistles(events).length > 0);
    expect(whistles(liveEvents.received).map((e) => e.envelope.data)).toEqual([
      expect.objectContaining({ homePenalties: 3, awayPenalties: 4 }),
    ]);
    await domainEvents.waitFor((events) => !!ofMatch(events, 'tournament.match.result_confirmed'));
    expect(ofMatch(domainEvents.received, 'tournament.match.result_confirmed')).toMatchObject({
      homeScore: 0,
      awayScore: 0,
      outcome: 'away_win',
      homePenalties: 3,
      awayPenalties: 4,
    });
  });

  it('a captain reports a level knockout result with its shoot-out; without one it is refused with 422', async () => {
    const { cup, captainOf, scheduled } = await knockout('single_elimination', 2);
    const [final] = await scheduled();
    const url = `/api/v1/matches/${final.id}`;
    const reporter = captainOf(final.homeTeamId);
    const refused = await http.call(reporter, 'POST', `${url}/result`, { homeScore: 1, awayScore: 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('MATCH_WINNER_REQUIRED');
    const oneSided = await http.call(reporter, 'POST', `${url}/result`, {
      homeScore: 1,
      awayScore: 1,
      homePenalties: 5,
    });
    expect(oneSided.json().code).toBe('MATCH_INVALID_RESULT');
    const reported = await http.call(reporter, 'POST', `${url}/result`, {
      homeScore: 1,
      awayScore: 1,
      homePenalties: 5,
      awayPenalties: 4,
    });
    expect(reported.json()).toMatchObject({ status: 'finished', winnerTeamId: final.homeTeamId, homePenalties: 5 });
    await http.call(captainOf(final.awayTeamId), 'POST', `${url}/confirm`);
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/bracket`)).json().championId).toBe(
      final.homeTeamId,
    );
  });

  it('a level knockout result stored without a winner is refused on confirm (never a 500) and does not stop the sweeper', async () => {
    const { captainOf, scheduled } = await knockout('single_elimination', 4, { confirmWindowHours: 1 });
    const [stuck, other] = await scheduled();
    // A level report left by an earlier version of the service: finished, no winner, already overdue.
    const matches = t.app.get(MatchesRepository);
    await t.app.get(TransactionRunner).run(async (tx) => {
      await matches.update(tx, stuck.id, {
        status: 'finished',
        homeScore: 2,
        awayScore: 2,
        reportedBy: captainOf(stuck.homeTeamId).id,
        reportedAt: new Date(Date.now() - 3 * 3_600_000),
        confirmBy: new Date(Date.now() - 2 * 3_600_000),
      });
    });
    const confirm = await http.call(captainOf(stuck.awayTeamId), 'POST', `/api/v1/matches/${stuck.id}/confirm`);
    expect(confirm.statusCode).toBe(422);
    expect(confirm.json().code).toBe('MATCH_WINNER_REQUIRED');

    await http.call(captainOf(other.homeTeamId), 'POST', `/api/v1/matches/${other.id}/result`, {
      homeScore: 2,
      awayScore: 0,
    });
    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(Date.now() + 2 * 3_600_000));
    try {
      await t.sweep();
    } finally {
      vi.restoreAllMocks();
    }
    expect((await http.call(null, 'GET', `/api/v1/matches/${other.id}`)).json().status).toBe('confirmed');
    // The level one waits for the organizer, out of the sweeper's way.
    const left = (await http.call(null, 'GET', `/api/v1/matches/${stuck.id}`)).json();
    expect(left.status).toBe('finished');
    expect(left.confirmBy).toBeUndefined();
  });

  it('refuses to reopen a knockout result once a match that depends on it is live or played', async () => {
    const { organizer, cup, scheduled, win } = await knockout('single_elimination', 4);
    const [semiA, semiB] = await scheduled();
    await win(semiA, semiA.homeTeamId!);
    await win(semiB, semiB.homeTeamId!);
    const [final] = await scheduled();
    const reopenA = () => http.call(organizer, 'POST', `/api/v1/matches/${semiA.id}/reopen`);

    expect(
      (
        await http.call(organizer, 'POST', `/api/v1/matches/${final.id}/events`, {
          kind: 'kick_off',
          minute: 0,
          period: 1,
        })
      ).statusCode,
    ).toBe(201);
    const whileLive = await reopenA();
    expect(whileLive.statusCode).toBe(409);
    expect(whileLive.json()).toMatchObject({
      code: 'MATCH_INVALID_STATE',
      detail: expect.stringContaining(final.fixtureKey),
    });

    await win(final, final.homeTeamId!);
    const afterFinal = await reopenA();
    expect(afterFinal.json().code).toBe('MATCH_INVALID_STATE');
    expect((await http.call(null, 'GET', `/api/v1/matches/${final.id}`)).json()).toMatchObject({
      status: 'confirmed',
      homeTeamId: final.homeTeamId,
      awayTeamId: final.awayTeamId,
    });
    expect((await http.call(null, 'GET', `/api/v1/matches/${semiA.id}`)).json().status).toBe('confirmed');
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/bracket`)).json().championId).toBe(
      final.homeTeamId,
    );
  });

  it('refuses to reopen a grand final whose reset was played', async () => {
    const { organizer, scheduled, win } = await knockout('double_elimination', 2);
    const [opening] = await scheduled();
    await win(opening, opening.homeTeamId!);
    const [grandFinal] = await scheduled();
    expect(grandFinal.stage).toBe('grand_final');
    await win(grandFinal, opening.awayTeamId!);
    const [reset] = await scheduled();
    expect(reset.stage).toBe('grand_final_reset');
    await win(reset, opening.homeTeamId!);
    const refused = await http.call(organizer, 'POST', `/api/v1/matches/${grandFinal.id}/reopen`);
    expect(refused.json()).toMatchObject({ code: 'MATCH_INVALID_STATE', detail: expect.stringContaining('GF2') });
    expect((await http.call(null, 'GET', `/api/v1/matches/${reset.id}`)).json().status).toBe('confirmed');
  });

  const withdraw = (organizer: TestUser, tournamentId: string, teamId: string) =>
    http.call(organizer, 'POST', `/api/v1/tournaments/${tournamentId}/registrations/${teamId}/withdraw`);

  it('single elimination: a withdrawn team gives away its next match as soon as the opponent is known', async () => {
    const { organizer, cup, scheduled, win } = await knockout('single_elimination', 4);
    const [semiA, semiB] = await scheduled();
    const quitter = semiA.homeTeamId!;
    await win(semiA, quitter);
    expect((await withdraw(organizer, cup.id, quitter)).json().status).toBe('withdrawn');
    const final = (await http.matches(cup.id)).find((m) => m.round === 2)!;
    expect(final.status).toBe('pending');

    await win(semiB, semiB.awayTeamId!);
    const given = (await http.call(null, 'GET', `/api/v1/matches/${final.id}`)).json();
    expect(given).toMatchObject({ status: 'forfeited', forfeitedBy: quitter });
    expect([given.homeTeamId, given.awayTeamId]).toContain(semiB.awayTeamId);
    const bracket = (await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}/bracket`)).json();
    expect(bracket.championId).toBe(semiB.awayTeamId);
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}`)).json().status).toBe('finished');
    expect((await http.call(organizer, 'POST', `/api/v1/matches/${final.id}/reopen`)).json().code).toBe(
      'MATCH_INVALID_STATE',
    );
  });

  it('double elimination: a withdrawn team forfeits and never drops into the losers bracket', async () => {
    const { organizer, cup, scheduled, win } = await knockout('double_elimination', 4);
    const first = await scheduled();
    expect(first).toHaveLength(2);
    const quitter = first[0].awayTeamId!;
    expect((await withdraw(organizer, cup.id, quitter)).statusCode).toBe(200);
    const forfeited = (await http.call(null, 'GET', `/api/v1/matches/${first[0].id}`)).json();
    expect(forfeited).toMatchObject({ status: 'forfeited', forfeitedBy: quitter });

    // Play everything that becomes ready: the lower team id wins.
    for (let guard = 0; guard < 10; guard++) {
      const ready = await scheduled();
      if (ready.length === 0) break;
      for (const m of ready) await win(m, [m.homeTeamId!, m.awayTeamId!].sort()[0]);
    }
    const all = await http.matches(cup.id);
    const theirs = all.filter((m) => m.homeTeamId === quitter || m.awayTeamId === quitter);
    expect(theirs.map((m) => m.fixtureKey)).toEqual([first[0].fixtureKey]);
    expect(all.filter((m) => m.stage === 'losers').every((m) => ['confirmed', 'cancelled'].includes(m.status))).toBe(
      true,
    );
    expect((await http.call(null, 'GET', `/api/v1/tournaments/${cup.id}`)).json().status).toBe('finished');
  });
});
