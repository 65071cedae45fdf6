import { join } from 'node:path';
import { CHAT_TEXT_MAX_LENGTH, createEnvelope, Topics, type MatchEvent } from '@prodvor/contracts';
import { checkOpenApiDocument, findRoutesWithoutAccessPolicy } from '@prodvor/platform';
import { probeTopic } from '@prodvor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { MAX_PLAYERS } from '../src/balancing/balance-teams';
import { AI_BODY_LIMIT_BYTES } from '../src/config/ai.config';
import { MatchEventsStore } from '../src/reports/match-events.store';
import { MAX_REPORT_EVENTS } from '../src/reports/match-report.flow';
import { newUser, startAiApp, type AiTestApp } from './support/ai-app';
import { startTournamentServiceStandIn, type TournamentServiceStandIn } from './support/tournament-service-stand-in';

const players = Array.from({ length: 10 }, (_, i) => ({
  id: `p${i}`,
  skill: (i % 5) + 4,
  positions: i < 2 ? ['GK'] : ['MF', 'FW'],
}));

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 30_000, describe = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not reached in time ${describe()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ROUTES: { method: 'GET' | 'POST'; url: string; payload?: Record<string, unknown> }[] = [
  { method: 'POST', url: '/api/v1/ai/teams/balance', payload: { players, teamCount: 2 } },
  { method: 'POST', url: '/api/v1/ai/moderation', payload: { text: 'hello' } },
  { method: 'GET', url: `/api/v1/ai/matches/${randomUUID()}/report` },
  { method: 'POST', url: '/api/v1/ai/tournament-assistant', payload: { tournamentId: randomUUID(), question: 'Who?' } },
];

describe('ai-service with a scripted model', () => {
  let t: AiTestApp;
  let tournaments: TournamentServiceStandIn;
  let kafka: Kafka;
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
    kafka = new Kafka({ brokers: t.kafka.brokers, logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await t.close();
    await tournaments.stop();
  });

  /** Publishes match events on match.events.v1 as tournament-service does. */
  const publish = async (matchId: string, list: MatchEvent[]) => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: Topics.matchEvents,
      messages: list.map((data) => ({
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
    });
    await producer.disconnect();
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

  it('marks every route as public, role-restricted or authenticated, and keeps openapi.json current', async () => {
    expect(findRoutesWithoutAccessPolicy(t.app)).toEqual([]);
    const { generated, checkedIn } = await checkOpenApiDocument(t.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });

  it.each(ROUTES)('refuses $method $url without an identity (401) and with a spoofed one (401)', async (route) => {
    const reads = tournaments.requests.length;
    const spoofed = { 'x-authenticated-userid': randomUUID(), 'x-userinfo': 'not base64 json' };
    for (const headers of [{}, spoofed]) {
      const response = await t.app.inject({ method: route.method, url: route.url, headers, payload: route.payload });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(tournaments.requests).toHaveLength(reads);
  });

  it('enforces its request limits with 400 problem+json', async () => {
    const user = newUser();
    const modelCalls = t.model!.requests.length;
    const cases: [string, string, Record<string, unknown> | undefined][] = [
      ['POST', '/api/v1/ai/moderation', { text: 'x'.repeat(CHAT_TEXT_MAX_LENGTH + 1) }],
      ['POST', '/api/v1/ai/moderation', { text: '' }],
      ['POST', '/api/v1/ai/moderation', { text: 'hi', extra: true }],
      [
        'POST',
        '/api/v1/ai/teams/balance',
        {
          players: Array.from({ length: MAX_PLAYERS + 1 }, (_, i) => ({ id: `p${i}`, skill: 5, positions: ['MF'] })),
          teamCount: 2,
        },
      ],
      ['POST', '/api/v1/ai/teams/balance', { players, teamCount: 9 }],
      ['GET', '/api/v1/ai/matches/not-a-uuid/report', undefined],
      ['GET', `/api/v1/ai/matches/${randomUUID()}/report?language=de`, undefined],
    ];
    for (const [method, url, payload] of cases) {
      const response = await t.app.inject({ method: method as 'GET', url, headers: user.headers, payload });
      expect(`${method} ${url} ${response.statusCode}`).toBe(`${method} ${url} 400`);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(t.model!.requests).toHaveLength(modelCalls);
  });

  it('answers 413 problem+json for a body over the limit, before any work', async () => {
    const response = await post('/api/v1/ai/moderation', newUser().headers, {
      text: 'x'.repeat(AI_BODY_LIMIT_BYTES),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['POST', '/api/v1/ai/teams/balance', 30, { players, teamCount: 2 }],
    ['POST', '/api/v1/ai/moderation', 120, { text: 'hello' }],
    ['GET', `/api/v1/ai/matches/${randomUUID()}/report`, 20, undefined],
  ] as const)('rate limits %s %s to %i per minute per user (429 RATE_LIMITED)', async (method, url, limit, payload) => {
    const user = newUser();
    const codes = new Set<string>();
    for (let i = 0; i < limit; i++) {
      // Nothing is scripted, so model calls fail at once: balancing and moderation fall back (or the
      // daily quota answers), the report's match is unknown (404) — anything but the rate limit.
      const response = await t.app.inject({ method, url, headers: user.headers, payload });
      codes.add(`${response.statusCode} ${response.json<{ code?: string }>().code ?? ''}`);
    }
    expect([...codes].filter((c) => c.includes('RATE_LIMITED'))).toEqual([]);
    const last = await t.app.inject({ method, url, headers: user.headers, payload });
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('balances deterministically and lets the model only explain', async () => {
    const user = newUser();
    t.model!.reply(JSON.stringify({ explanation: 'Both teams total the same skill.' }));
    const response = await post('/api/v1/ai/teams/balance', user.headers, { players, teamCount: 2, seed: 7 });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      teams: { players: unknown[] }[];
      spread: number;
      explainedBy: string;
      explanation: string;
    }>();
    expect(body.teams.map((team) => team.players.length)).toEqual([5, 5]);
    expect(body.explainedBy).toBe('model');
    expect(body.explanation).toBe('Both teams total the same skill.');
  });

  it('answers 400 problem+json for invalid input', async () => {
    const user = newUser();
    const response = await post('/api/v1/ai/teams/balance', user.headers, {
      players: [{ id: 'x', skill: 11, positions: ['XX'] }],
      teamCount: 1,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('falls back to the rules when the model fails or is slow, so moderation never blocks', async () => {
    const user = newUser();
    t.model!.reply(new Error('upstream down'));
    const failed = await post('/api/v1/ai/moderation', user.headers, { text: 'call me +7 912 345-67-89' });
    expect(failed.json()).toMatchObject({ verdict: 'personal_data', decidedBy: 'rules' });
    t.model!.reply({ text: JSON.stringify({ verdict: 'ok', reason: 'fine', confidence: 0.9 }), delayMs: 3_000 });
    const slow = await post('/api/v1/ai/moderation', user.headers, { text: 'ты дебил' });
    expect(slow.json()).toMatchObject({ verdict: 'toxic', decidedBy: 'rules' });
    t.model!.reply(JSON.stringify({ verdict: 'spam', reason: 'advertising', confidence: 0.8 }));
    const decided = await post('/api/v1/ai/moderation', user.headers, { text: 'best prices at my shop' });
    expect(decided.json()).toMatchObject({ verdict: 'spam', decidedBy: 'model' });
  });

  it("lets the rules decide once the author's daily moderation quota is used, never a 429", async () => {
    const author = newUser();
    for (let i = 0; i < 3; i++) {
      t.model!.reply(JSON.stringify({ verdict: 'ok', reason: 'friendly', confidence: 0.9 }));
      const decided = await post('/api/v1/ai/moderation', author.headers, { text: `good game ${i}` });
      expect(decided.json()).toMatchObject({ verdict: 'ok', decidedBy: 'model' });
    }
    const modelCalls = t.model!.requests.length;
    const over = await post('/api/v1/ai/moderation', author.headers, { text: 'best prices: call +7 912 345-67-89' });
    expect(over.statusCode).toBe(200);
    expect(over.json()).toMatchObject({ verdict: 'personal_data', decidedBy: 'rules' });
    expect(t.model!.requests.length).toBe(modelCalls);
    // Another author's quota is their own.
    t.model!.reply(JSON.stringify({ verdict: 'ok', reason: 'friendly', confidence: 0.9 }));
    const other = await post('/api/v1/ai/moderation', newUser().headers, { text: 'good game' });
    expect(other.json()).toMatchObject({ decidedBy: 'model' });
  });

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
    const dlq = await probeTopic(t.kafka.brokers, `${Topics.matchEvents}.dlq`);
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
      expect((await post('/api/v1/ai/teams/balance', stranger.headers, { players, teamCount: 2 })).statusCode).toBe(
        200,
      );
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

  it('enforces the per-user daily quota with 429 AI_QUOTA_EXCEEDED', async () => {
    const user = newUser();
    for (let i = 0; i < 3; i++) {
      t.model!.reply(JSON.stringify({ explanation: `ok ${i}` }));
      expect((await post('/api/v1/ai/teams/balance', user.headers, { players, teamCount: 2 })).statusCode).toBe(200);
    }
    const over = await post('/api/v1/ai/teams/balance', user.headers, { players, teamCount: 2 });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'AI_QUOTA_EXCEEDED' });
  });
});

describe('ai-service without a provider', () => {
  let t: AiTestApp;
  beforeAll(async () => {
    t = await startAiApp({ configured: false });
  });
  afterAll(async () => t.close());

  it('still balances (with a templated explanation) and answers 503 AI_NOT_CONFIGURED for model-only features', async () => {
    const user = newUser();
    const balanced = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/teams/balance',
      headers: user.headers,
      payload: { players, teamCount: 2, language: 'ru' },
    });
    expect(balanced.statusCode).toBe(200);
    expect(balanced.json()).toMatchObject({ explainedBy: 'template' });
    const moderation = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/moderation',
      headers: user.headers,
      payload: { text: 'hello' },
    });
    expect(moderation.json()).toMatchObject({ verdict: 'ok', decidedBy: 'rules' });
    const assistant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/tournament-assistant',
      headers: newUser(['organizer']).headers,
      payload: { tournamentId: randomUUID(), question: 'Who leads?' },
    });
    expect(assistant.statusCode).toBe(503);
    expect(assistant.json()).toMatchObject({ code: 'AI_NOT_CONFIGURED' });
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/ai/matches/${randomUUID()}/report`,
      headers: user.headers,
    });
    expect(report.statusCode).toBe(503);
    expect(report.json()).toMatchObject({ code: 'AI_NOT_CONFIGURED' });
  });
});
