import type { Genkit } from 'genkit';
import { defineBalanceExplanationFlow } from '../balancing/balance-explanation.flow';
import { defineModerationFlow } from '../moderation/moderation.flow';
import { defineMatchReportFlow } from '../reports/match-report.flow';
import { defineTournamentAssistant } from '../tournament-assistant/tournament-assistant.flow';
import type { TournamentReader } from '../tournament-service/tournament-service.client';

export const SERVICE_FLOW_NAMES = ['tournamentAssistant', 'matchReport', 'moderation', 'balanceExplanation'] as const;

/**
 * Every Genkit flow of the service on one instance, as the Developer UI entry (`dev-flows.ts`)
 * registers them. The Nest services define the same flows one each, with the same functions.
 */
export function defineServiceFlows(
  ai: Genkit,
  tournaments: TournamentReader,
  options: { timeoutMs: number; moderationTimeoutMs: number },
) {
  return {
    tournamentAssistant: defineTournamentAssistant(ai, tournaments, { timeoutMs: options.timeoutMs }),
    matchReport: defineMatchReportFlow(ai, { timeoutMs: options.timeoutMs }),
    moderation: defineModerationFlow(ai, { timeoutMs: options.moderationTimeoutMs }),
    balanceExplanation: defineBalanceExplanationFlow(ai, { timeoutMs: options.timeoutMs }),
  };
}
