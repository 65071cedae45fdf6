import { join } from 'node:path';
import { createEnvelope, Topics, type MatchEvent } from '@prodvor/contracts';
import { checkOpenApiDocument, findRoutesWithoutAccessPolicy } from '@prodvor/platform';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { newUser, startAiApp, type AiTestApp } from './support/ai-app';

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

describe('ai-service with a scripted model', () => {
  let t: AiTestApp;
  beforeAll(async () => {
    t = await startAiApp({ env: { AI_DAILY_QUOTA: '3' } });
  });
  afterAll(async () => t.close());

  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

  it('marks every route as public, role-restricted or authenticated, and keeps openapi.json current', async () => {
    expect(findRoutesWithoutAccessPolicy(t.app)).toEqual([]);
    const { generated, checkedIn } = await checkOpenApiDocument(t.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });

  it('refuses callers without an identity', async () => {
    const response = await post('/api/v1/ai/teams/balance', {}, { players, teamCount: 2 });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
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

  it('writes a report of a finished match from match.events.v1, caches it, and rebuilds it after a correction', async () => {
    const matchId = randomUUID();
    const tournamentId = randomUUID();
    const scorer = randomUUID();
    const teamId = randomUUID();
    const at = new Date().toISOString();
    const base = { matchId, tournamentId, period: 1, recordedBy: randomUUID(), recordedAt: at };
    const events: MatchEvent[] = [
      { ...base, sequence: 1, minute: 0, kind: 'kick_off' },
      { ...base, sequence: 2, minute: 12, kind: 'goal', teamId, scorerId: scorer, ownGoal: false, penalty: false },
      { ...base, sequence: 3, minute: 50, kind: 'final_whistle' },
    ];
    const kafka = new Kafka({ brokers: t.kafka.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const send = (list: MatchEvent[]) =>
      producer.send({
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
    await send(events);
    const report = JSON.stringify({
      headline: 'One goal decides it',
      summary: 'A tight match.',
      keyMoments: [{ minute: 12, text: 'Goal' }],
      playerOfTheMatch: { playerId: scorer, name: 'Scorer', reason: 'The only goal' },
    });
    // A new caller per poll keeps the polling under the route's per-user rate limit.
    const get = () =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/ai/matches/${matchId}/report?language=en`,
        headers: newUser().headers,
      });
    // A player of the match who did not play is re-asked, then the valid answer is kept.
    t.model!.reply(
      JSON.stringify({
        ...JSON.parse(report),
        playerOfTheMatch: { playerId: randomUUID(), name: 'Ghost', reason: 'x' },
      }),
      report,
    );
    let last = '';
    await waitFor(async () => {
      const r = await get();
      last = `${r.statusCode} ${r.body}`;
      return r.statusCode === 200;
    }).catch(() => {
      throw new Error(last);
    });
    const second = await get();
    expect(second.json()).toMatchObject({ headline: 'One goal decides it', cached: true });

    await send([{ ...base, sequence: 4, minute: 50, kind: 'correction', correctsSequence: 2, reason: 'offside' }]);
    t.model!.reply(
      JSON.stringify({
        ...JSON.parse(report),
        headline: 'Goalless after review',
        playerOfTheMatch: { name: 'Keeper', reason: 'Clean sheet' },
      }),
    );
    await waitFor(async () => {
      const r = await get();
      last = `${r.statusCode} ${r.body}`;
      return r.body.includes('Goalless after review');
    }).catch(() => {
      throw new Error(last);
    });
    await producer.disconnect();
  }, 90_000);

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
  });
});
