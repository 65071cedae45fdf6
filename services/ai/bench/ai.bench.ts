/**
 * `npm run bench -w @prodvor/ai-service` (= `npx vitest bench --run --project ai` from the root).
 * The deterministic balancing core, and the tournament assistant's own overhead per request over
 * HTTP (identity, validation, pre-check and tool reads against the tournament-service stand-in, the
 * Genkit flow with schema checks) with a scripted model that answers at once: model latency excluded.
 */
import { randomUUID } from 'node:crypto';
import { bench, describe } from 'vitest';
import { balanceTeams, type BalancePlayer } from '../src/balancing/balance-teams';
import { newUser, startAiApp, type AiTestApp } from '../test/support/ai-app';
import {
  startTournamentServiceStandIn,
  type TournamentServiceStandIn,
} from '../test/support/tournament-service-stand-in';

const roster = (n: number): BalancePlayer[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    skill: ((i * 7) % 10) + 1,
    positions: i % 9 === 0 ? ['GK'] : i % 2 ? ['MF', 'FW'] : ['DF'],
  }));
const players20 = roster(20);
const players200 = roster(200);

describe('balancing core', () => {
  bench('20 players into 2 teams', () => {
    balanceTeams(players20, 2, 7);
  });
  bench('200 players (the maximum) into 8 teams', () => {
    balanceTeams(players200, 8, 7);
  });
});

describe('tournament assistant over HTTP (scripted model, stand-in tournament-service)', () => {
  const tournamentId = randomUUID();
  const answer = JSON.stringify({
    answer: 'Dvor United lead with 7 points.',
    facts: [{ source: 'getStandings', fact: 'Dvor United: 7 points' }],
  });
  let ready: Promise<{ t: AiTestApp; tournaments: TournamentServiceStandIn }> | undefined;
  // Started on first use (bench files run no beforeAll hooks), stopped after the measured run.
  const started = () =>
    (ready ??= (async () => {
      const tournaments = await startTournamentServiceStandIn();
      tournaments.add({
        id: tournamentId,
        name: 'Bench Cup',
        organizerId: randomUUID(),
        visibility: 'public',
        standings: Array.from({ length: 16 }, (_, i) => ({
          teamId: randomUUID(),
          teamName: `Team ${i}`,
          points: 30 - i,
          won: 9,
          drawn: 3,
          lost: i,
        })),
        matches: [],
      });
      const t = await startAiApp({ env: { AI_DAILY_QUOTA: '100000000', TOURNAMENT_SERVICE_URL: tournaments.url } });
      return { t, tournaments };
    })());

  bench(
    'question → pre-check, getStandings tool call, cited answer',
    async () => {
      const { t } = await started();
      t.model!.reply({ toolCalls: [{ name: 'getStandings', input: {} }] }, answer);
      // A fresh caller per request keeps the route's per-user rate limit out of the measurement
      // (admins: the assistant answers organizers about their own tournaments only).
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ai/tournament-assistant',
        headers: newUser(['admin']).headers,
        payload: { tournamentId, question: 'Who leads?' },
      });
      if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    },
    {
      time: 3_000,
      teardown: async (_task, mode) => {
        if (mode !== 'run' || !ready) return;
        const { t, tournaments } = await ready;
        await t.close();
        await tournaments.stop();
      },
    },
  );
});
