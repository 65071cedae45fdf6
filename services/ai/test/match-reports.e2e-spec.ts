import { RedisStore } from '@prodvor/platform';
import { createEnvelope, Topics, type MatchEvent } from '@prodvor/contracts';
import { probeTopic } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { MatchEventsStore } from '../src/reports/match-events.store';
import { MAX_REPORT_EVENTS } from '../src/reports/match-report.flow';
import { newUser, startAiApp, type AiTestApp } from './support/ai-app';
import { players, waitFor } from './support/e2e';
import { startTournamentServiceStandIn, type TournamentServiceStandIn } from './support/tournament-service-stand-in';

describe('match reports from match.events.v1 (scripted model, tournament-service stand-in)', () => {
  let t: AiTestApp;
  let tournaments: TournamentServiceStandIn;
  const owner = newUser(['player', 'organizer']);
  const privateCup = {
    id: randomUUID(),
    name: 'Private Cup',
    organizerId: owner.id,
    visibility: 'private' as const,
    standings: [],
    matches: [] as { id: string; homeTeamName: string; awayTeamName: string; status: string }[],
  };
  const addMatch = () => {
    const id = randomUUID();
    privateCup.matches.push({ id, homeTeamName: 'Dvor United', awayTeamName: 'Garage FC', status: 'finished' });
    return id;
  };
  beforeAll(async () => {
    tournaments = await startTournamentServiceStandIn();
    tournaments.add(privateCup);
    t = await startAiApp({
      env: { AI_DAILY_QUOTA: '3', AI_MODERATION_DAILY_QUOTA: '3', TOURNAMENT_SERVICE_URL: tournaments.url },
    });
  });
  afterAll(async () => {
    await t.close();
    await tournaments.stop();
  });

  /** Publishes match events on match.events.v1 as tournament-service does. */
  const publish = async (matchId: string, list: MatchEvent[]) => {
    await t.kafka.send(
      Topics.matchEvents,
      list.map((data) => ({
        key: matchId,
        value: JSON.stringify(
          createEnvelope({
            type: 'match.event.recorded',
            producer: 'tournament',
            subject: matchId,
            correlationId: 'c',
            data,
          }),
        ),
      })),
    );
  };
  const matchBase = (matchId: string) => ({
    matchId,
    tournamentId: privateCup.id,
    period: 1,
    recordedBy: randomUUID(),
    recordedAt: new Date().toISOString(),
  });
  // A new admin per call keeps polling under the route's per-user rate limit (admins see every match).
  const reportAs = (matchId: string, headers = newUser(['admin']).headers, query = '?language=en') =>
    t.app.inject({ method: 'GET', url: `/api/v1/ai/matches/${matchId}/report${query}`, headers });
  const pollReport = async (matchId: string, until: (status: number, body: string) => boolean) => {
    let last = '';
    await waitFor(async () => {
      const r = await reportAs(matchId);
      last = `${r.statusCode} ${r.body}`;
      return until(r.statusCode, r.body);
    }).catch(() => {
      throw new Error(last);
    });
  };

  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  it('writes a report of a finished match from match.events.v1, caches it, and rebuilds it after a correction', async () => {
    const matchId = addMatch();
    const scorer = randomUUID();
    const base = matchBase(matchId);
    await publish(matchId, [
      { ...base, sequence: 1, minute: 0, kind: 'kick_off' },
      {
        ...base,
        sequence: 2,
        minute: 12,
        kind: 'goal',
        teamId: randomUUID(),
        scorerId: scorer,
        ownGoal: false,
        penalty: false,
      },
      { ...base, sequence: 3, minute: 50, kind: 'final_whistle' },
    ]);
    const report = JSON.stringify({
      headline: 'One goal decides it',
      summary: 'A tight match.',
      keyMoments: [{ minute: 12, text: 'Goal' }],
      playerOfTheMatch: { playerId: scorer, name: 'Scorer', reason: 'The only goal' },
    });
    // A player of the match who did not play is re-asked, then the valid answer is kept.
    t.model!.reply(
      JSON.stringify({
        ...JSON.parse(report),
        playerOfTheMatch: { playerId: randomUUID(), name: 'Ghost', reason: 'x' },
      }),
      report,
    );
    await pollReport(matchId, (status) => status === 200);
    // The fixture as tournament-service shows it names the teams for the model (as data).
    expect(t.model!.requests.at(-1)).toContain('"homeTeamName":"Dvor United","awayTeamName":"Garage FC"');
    const second = await reportAs(matchId, owner.headers);
    expect(second.json()).toMatchObject({ headline: 'One goal decides it', cached: true });

    await publish(matchId, [
      { ...base, sequence: 4, minute: 50, kind: 'correction', correctsSequence: 2, reason: 'offside' },
    ]);
    t.model!.reply(
      JSON.stringify({
        ...JSON.parse(report),
        headline: 'Goalless after review',
        playerOfTheMatch: { name: 'Keeper', reason: 'Clean sheet' },
      }),
    );
    await pollReport(matchId, (_status, body) => body.includes('Goalless after review'));
  }, 90_000);

  /** A finished match (kick-off, final whistle) whose events this service has stored. */
  const finishedMatch = async () => {
    const matchId = addMatch();
    const base = matchBase(matchId);
    await publish(matchId, [
      { ...base, sequence: 1, minute: 0, kind: 'kick_off' },
      { ...base, sequence: 2, minute: 50, kind: 'final_whistle' },
    ]);
    const store = t.app.get(MatchEventsStore);
    await waitFor(async () => (await store.list(matchId)).length === 2);
    return matchId;
  };
  const reportIn = (headline: string) =>
    JSON.stringify({
      headline,
      summary: headline,
      keyMoments: [],
      playerOfTheMatch: { name: 'Keeper', reason: headline },
    });

  it('writes a report in Russian when asked, cached apart from the English one (ru is the default)', async () => {
    const matchId = await finishedMatch();
    const reader = newUser(['admin']);
    t.model!.reply(reportIn('Goalless draw'));
    const en = await reportAs(matchId, reader.headers, '?language=en');
    expect(en.json()).toMatchObject({ headline: 'Goalless draw', cached: false });
    expect(t.model!.requests.at(-1)).toContain('in English');
    t.model!.reply(reportIn('Нулевая ничья'));
    const ru = await reportAs(matchId, reader.headers, '?language=ru');
    expect(ru.json()).toMatchObject({ headline: 'Нулевая ничья', cached: false });
    expect(t.model!.requests.at(-1)).toContain('in Russian');
    const modelCalls = t.model!.requests.length;
    expect((await reportAs(matchId, reader.headers, '?language=en')).json()).toMatchObject({
      headline: 'Goalless draw',
      cached: true,
    });
    for (const query of ['?language=ru', ''])
      expect((await reportAs(matchId, reader.headers, query)).json()).toMatchObject({
        headline: 'Нулевая ничья',
        cached: true,
      });
    expect(t.model!.requests.length).toBe(modelCalls);
  }, 60_000);

  it('answers 429 AI_QUOTA_EXCEEDED on the report route once the daily quota is used, spending none on model failures', async () => {
    const [first, second] = [await finishedMatch(), await finishedMatch()];
    const reader = newUser(['admin']);
    // A failed generation gives its unit back.
    t.model!.reply(new Error('provider down'));
    const failed = await reportAs(first, reader.headers, '?language=ru');
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ code: 'AI_UNAVAILABLE' });
    for (const [matchId, language] of [
      [first, 'ru'],
      [first, 'en'],
      [second, 'ru'],
    ]) {
      t.model!.reply(reportIn(`report ${language}`));
      expect((await reportAs(matchId, reader.headers, `?language=${language}`)).statusCode).toBe(200);
    }
    const modelCalls = t.model!.requests.length;
    const over = await reportAs(second, reader.headers, '?language=en');
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ code: 'AI_QUOTA_EXCEEDED' });
    expect(t.model!.requests.length).toBe(modelCalls);
    // Cached reports cost nothing: still served.
    expect((await reportAs(first, reader.headers, '?language=en')).json()).toMatchObject({ cached: true });
  }, 60_000);

  it('never serves a report written while a correction arrived', async () => {
    const matchId = addMatch();
    const base = matchBase(matchId);
    const scorer = randomUUID();
    await publish(matchId, [
      { ...base, sequence: 1, minute: 0, kind: 'kick_off' },
      {
        ...base,
        sequence: 2,
        minute: 30,
        kind: 'goal',
        teamId: randomUUID(),
        scorerId: scorer,
        ownGoal: false,
        penalty: false,
      },
      { ...base, sequence: 3, minute: 50, kind: 'final_whistle' },
    ]);
    const store = t.app.get(MatchEventsStore);
    await waitFor(async () => (await store.list(matchId)).length === 3);
    const written = (headline: string) =>
      JSON.stringify({
        headline,
        summary: 'Report.',
        keyMoments: [],
        playerOfTheMatch: { name: 'Keeper', reason: 'Saves' },
      });
    // The model is asked, then the correction is consumed, then the model answers: a report written
    // from the events before the correction.
    let answer = () => {};
    const modelCalls = t.model!.requests.length;
    t.model!.reply({ text: written('Before the review'), until: new Promise<void>((r) => (answer = r)) });
    const inFlight = reportAs(matchId, owner.headers);
    await waitFor(() => Promise.resolve(t.model!.requests.length > modelCalls));
    await publish(matchId, [
      { ...base, sequence: 4, minute: 50, kind: 'correction', correctsSequence: 2, reason: 'offside' },
    ]);
    await waitFor(async () => (await store.list(matchId)).length === 4);
    answer();
    expect((await inFlight).json()).toMatchObject({ headline: 'Before the review', cached: false });
    t.model!.reply(written('After the review'));
    const next = await reportAs(matchId, owner.headers);
    expect(next.json()).toMatchObject({ headline: 'After the review', cached: false });
    expect(t.model!.requests.at(-1)).not.toContain('"sequence":2,');
    expect((await reportAs(matchId, owner.headers)).json()).toMatchObject({
      headline: 'After the review',
      cached: true,
    });
  }, 60_000);

  it('parks an invalid match event on match.events.v1.dlq and moves on; a redelivered event is kept once', async () => {
    const matchId = addMatch();
    const base = matchBase(matchId);
    const dlq = await probeTopic(t.kafka, `${Topics.matchEvents}.dlq`);
    try {
      const kickOff: MatchEvent = { ...base, sequence: 1, minute: 0, kind: 'kick_off' };
      const poison = { ...base, sequence: 2, minute: 10, kind: 'goal' } as unknown as MatchEvent;
      await publish(matchId, [kickOff, poison, kickOff, { ...base, sequence: 3, minute: 50, kind: 'final_whistle' }]);
      const store = t.app.get(MatchEventsStore);
      await waitFor(async () => (await store.list(matchId)).length === 2);
      await dlq.waitFor((events) => events.some((e) => e.envelope.subject === matchId));
      expect((await store.list(matchId)).map((e) => e.kind)).toEqual(['kick_off', 'final_whistle']);
    } finally {
      await dlq.stop();
    }
  }, 60_000);

  it('fails the handler on a Redis error while storing, so the event is retried, and loses no earlier event', async () => {
    const matchId = addMatch();
    const base = matchBase(matchId);
    const store = t.app.get(MatchEventsStore);
    await publish(matchId, [{ ...base, sequence: 1, minute: 0, kind: 'kick_off' }]);
    await waitFor(async () => (await store.list(matchId)).length === 1);
    const redis = t.app.get(RedisStore);
    const multi = redis.client.multi.bind(redis.client);
    const failing = vi.spyOn(redis.client, 'multi').mockImplementationOnce(() => {
      throw new Error('LOADING Redis is loading the dataset in memory');
    });
    failing.mockImplementation(multi);
    await publish(matchId, [{ ...base, sequence: 2, minute: 90, kind: 'final_whistle' }]);
    await waitFor(async () => (await store.list(matchId)).length === 2);
    expect(failing.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect((await store.list(matchId)).map((e) => e.kind)).toEqual(['kick_off', 'final_whistle']);
  }, 60_000);

  it("refuses a stranger a private tournament's match report with 404, cached or not, without quota or model", async () => {
    const matchId = addMatch();
    const base = matchBase(matchId);
    await publish(matchId, [
      { ...base, sequence: 1, minute: 0, kind: 'kick_off' },
      { ...base, sequence: 2, minute: 50, kind: 'final_whistle' },
    ]);
    t.model!.reply(
      JSON.stringify({
        headline: 'Goalless',
        summary: 'Nothing happened.',
        keyMoments: [],
        playerOfTheMatch: { name: 'Nobody', reason: 'No events' },
      }),
    );
    await pollReport(matchId, (status) => status === 200);
    const modelCalls = t.model!.requests.length;
    const stranger = newUser(['player', 'organizer']);
    for (const id of [matchId, randomUUID()]) {
      const refused = await reportAs(id, stranger.headers);
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'AI_MATCH_NOT_FOUND' });
    }
    const read = tournaments.requests.filter(
      (r) => r.path === `/api/v1/matches/${matchId}` && r.callerId === stranger.id,
    );
    expect(read.map((r) => r.status)).toEqual([404]);
    expect(t.model!.requests.length).toBe(modelCalls);
    // The owner reads the cached report; the stranger spent no quota: three model-backed requests remain.
    expect((await reportAs(matchId, owner.headers)).json()).toMatchObject({ cached: true });
    for (let i = 0; i < 3; i++) {
      t.model!.reply(JSON.stringify({ explanation: `ok ${i}` }));
      const balanced = await post('/api/v1/ai/teams/balance', stranger.headers, { players, teamCount: 2 });
      expect(balanced.json()).toMatchObject({ explainedBy: 'model' });
    }
  }, 60_000);

  it('answers 422 for a match that has not finished, or has more events than a report covers', async () => {
    const running = addMatch();
    await publish(running, [{ ...matchBase(running), sequence: 1, minute: 0, kind: 'kick_off' }]);
    const long = addMatch();
    const base = matchBase(long);
    await publish(long, [
      ...Array.from({ length: MAX_REPORT_EVENTS + 1 }, (_, i): MatchEvent => ({
        ...base,
        sequence: i + 1,
        minute: 1,
        kind: 'yellow_card',
        teamId: randomUUID(),
        playerId: randomUUID(),
      })),
      { ...base, sequence: MAX_REPORT_EVENTS + 2, minute: 50, kind: 'final_whistle' },
    ]);
    const modelCalls = t.model!.requests.length;
    await pollReport(long, (_status, body) => body.includes('AI_MATCH_TOO_LONG'));
    const notFinished = await reportAs(running);
    expect(notFinished.statusCode).toBe(422);
    expect(notFinished.json()).toMatchObject({ code: 'AI_MATCH_NOT_FINISHED' });
    expect(t.model!.requests.length).toBe(modelCalls);
  }, 60_000);
});
