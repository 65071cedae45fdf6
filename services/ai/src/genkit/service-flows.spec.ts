import type { MatchEvent } from '@prodvor/contracts';
import { randomUUID } from 'node:crypto';
import { MAX_REPORT_EVENTS } from '../reports/match-report.flow';
import type { TournamentReader } from '../tournament-service/tournament-service.client';
import { AiRuntime } from './ai-runtime';
import { defineServiceFlows, SERVICE_FLOW_NAMES } from './service-flows';
import { scriptedModel } from './testing/scripted-model';

/** The tools never run here: any read is a test failure. */
const noReads: TournamentReader = {
  tournament: () => Promise.reject(new Error('unexpected read')),
  standings: () => Promise.reject(new Error('unexpected read')),
  matches: () => Promise.reject(new Error('unexpected read')),
  match: () => Promise.reject(new Error('unexpected read')),
};

function setup() {
  const model = scriptedModel();
  const ai = AiRuntime.withPlugin(model.plugin, model.model).require();
  const flows = defineServiceFlows(ai, noReads, { timeoutMs: 1_000, moderationTimeoutMs: 200 });
  return { model, ai, flows };
}

function finishedMatch(scorerId: string): MatchEvent[] {
  const base = {
    matchId: randomUUID(),
    tournamentId: randomUUID(),
    period: 1,
    recordedBy: randomUUID(),
    recordedAt: '2026-11-20T10:00:00.000Z',
  };
  return [
    { ...base, sequence: 1, minute: 0, kind: 'kick_off' },
    { ...base, sequence: 2, minute: 9, kind: 'goal', teamId: randomUUID(), scorerId, ownGoal: false, penalty: false },
    { ...base, sequence: 3, minute: 50, kind: 'final_whistle' },
  ];
}

describe('the Genkit flows the service and the Developer UI share', () => {
  it('registers every flow and the assistant tools under their names', async () => {
    const { ai } = setup();
    const keys = Object.keys(await ai.registry.listActions());
    for (const name of SERVICE_FLOW_NAMES) expect(keys).toContain(`/flow/${name}`);
    for (const tool of ['getTournament', 'getStandings', 'listMatches']) expect(keys).toContain(`/tool/${tool}`);
  });

  it('matchReport: re-asks for a player of the match who did not play, and refuses oversized input before the model', async () => {
    const { model, flows } = setup();
    const scorer = randomUUID();
    const events = finishedMatch(scorer);
    const report = (playerId: string) =>
      JSON.stringify({
        headline: 'One goal',
        summary: 'Tight.',
        keyMoments: [{ minute: 9, text: 'Goal' }],
        playerOfTheMatch: { playerId, name: 'Scorer', reason: 'The goal' },
      });
    model.reply(report(randomUUID()), report(scorer));
    const output = await flows.matchReport({ matchId: events[0].matchId, language: 'en', events });
    expect(output.playerOfTheMatch.playerId).toBe(scorer);
    expect(model.requests[1]).toContain('playerOfTheMatch.playerId must be one of the players');

    const tooMany = Array.from({ length: MAX_REPORT_EVENTS + 1 }, (_, i) => ({ ...events[0], sequence: i + 1 }));
    await expect(flows.matchReport({ matchId: events[0].matchId, language: 'en', events: tooMany })).rejects.toThrow(
      /schema validation failed/i,
    );
    expect(model.requests).toHaveLength(2);
  });

  it('moderation: a single attempt, so an invalid verdict fails at once (the service then falls back to rules)', async () => {
    const { model, flows } = setup();
    model.reply(JSON.stringify({ verdict: 'rude', reason: 'x', confidence: 2 }));
    await expect(flows.moderation({ text: 'hello' })).rejects.toMatchObject({ code: 'AI_OUTPUT_INVALID' });
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]).toContain('<data>{"message":"hello"}</data>');
  });

  it('balanceExplanation: the model sees only the numbers of the split', async () => {
    const { model, flows } = setup();
    model.reply(JSON.stringify({ explanation: 'Equal totals.' }));
    const output = await flows.balanceExplanation({
      language: 'ru',
      teams: [
        { totalSkill: 20, size: 5, positions: ['GK', 'MF'] },
        { totalSkill: 20, size: 5, positions: ['GK', 'FW'] },
      ],
      facts: { teamCount: 2, playerCount: 10, spread: 0, goalkeepersSpread: true, swaps: 1 },
    });
    expect(output).toEqual({ explanation: 'Equal totals.' });
    expect(model.requests[0]).toContain('Explain in Russian');
    expect(model.requests[0]).toContain('"totalSkill":20');
  });
});
