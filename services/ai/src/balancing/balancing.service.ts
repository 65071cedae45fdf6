import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError } from '@prodvor/platform';
import type { AiConfig } from '../config/ai.config';
import { AiErrorCode, AiRuntime } from '../genkit/ai-runtime';
import { AiUsageService } from '../usage/ai-usage.service';
import { defineBalanceExplanationFlow } from './balance-explanation.flow';
import { balanceTeams, type BalancePlayer, type BalanceResult } from './balance-teams';

export interface BalanceAnswer extends BalanceResult {
  explanation: string;
  explainedBy: 'model' | 'template';
}

function template(result: BalanceResult, language: 'ru' | 'en'): string {
  const totals = result.teams.map((t) => t.totalSkill).join(' / ');
  return language === 'ru'
    ? `Игроки разделены на ${result.facts.teamCount} команды с суммарным уровнем ${totals} (разница ${result.spread}); вратари распределены по командам.`
    : `Players were split into ${result.facts.teamCount} teams with skill totals ${totals} (spread ${result.spread}); goalkeepers were spread across teams.`;
}

/** The split is always the deterministic algorithm's; the model (when available) only explains it. */
@Injectable()
export class BalancingService {
  private readonly flow?: ReturnType<typeof defineBalanceExplanationFlow>;

  constructor(
    runtime: AiRuntime,
    private readonly usage: AiUsageService,
    config: AppConfig<AiConfig>,
  ) {
    if (runtime.configured)
      this.flow = defineBalanceExplanationFlow(runtime.require(), {
        timeoutMs: config.get('AI_TIMEOUT_MS'),
        observer: usage.observer,
      });
  }

  async balance(
    userId: string,
    players: BalancePlayer[],
    teamCount: number,
    language: 'ru' | 'en',
    seed?: number,
  ): Promise<BalanceAnswer> {
    const result = balanceTeams(players, teamCount, seed);
    const flow = this.flow;
    if (!flow) return this.templated(result, language);
    try {
      const { explanation } = await this.usage.charged(userId, () =>
        flow({
          language,
          teams: result.teams.map((t) => ({
            totalSkill: t.totalSkill,
            size: t.players.length,
            positions: t.positionsCovered,
          })),
          facts: result.facts,
        }),
      );
      return { ...result, explanation, explainedBy: 'model' };
    } catch (error) {
      // The split never needs the model: past the daily quota, or with the model (or the quota store)
      // failing, the template explains it; a failed model call gives its quota unit back.
      if (error instanceof DomainError && (error.code === AiErrorCode.QUOTA_EXCEEDED || error.status === 503))
        return this.templated(result, language);
      throw error;
    }
  }

  private templated(result: BalanceResult, language: 'ru' | 'en'): BalanceAnswer {
    this.usage.recordFallback('balance-explanation');
    return { ...result, explanation: template(result, language), explainedBy: 'template' };
  }
}
