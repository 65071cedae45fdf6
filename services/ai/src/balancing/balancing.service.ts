import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError } from '@prodvor/platform';
import { z } from 'genkit';
import type { AiConfig } from '../config/ai.config';
import { AiRuntime } from '../genkit/ai-runtime';
import { generateStructured } from '../genkit/structured';
import { AiUsageService } from '../usage/ai-usage.service';
import { balanceTeams, type BalancePlayer, type BalanceResult } from './balance-teams';

const explanationSchema = z.object({ explanation: z.string().min(1).max(600) });

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
  constructor(
    private readonly runtime: AiRuntime,
    private readonly usage: AiUsageService,
    private readonly config: AppConfig<AiConfig>,
  ) {}

  async balance(
    userId: string,
    players: BalancePlayer[],
    teamCount: number,
    language: 'ru' | 'en',
    seed?: number,
  ): Promise<BalanceAnswer> {
    const result = balanceTeams(players, teamCount, seed);
    if (!this.runtime.configured)
      return { ...result, explanation: template(result, language), explainedBy: 'template' };
    await this.usage.consume(userId);
    try {
      const { explanation } = await generateStructured(this.runtime.require(), {
        flow: 'balance-explanation',
        instructions: `Explain in ${language === 'ru' ? 'Russian' : 'English'}, in two sentences, why this split of amateur football players into teams is fair. Use only the numbers given.`,
        data: {
          teams: result.teams.map((t) => ({
            totalSkill: t.totalSkill,
            size: t.players.length,
            positions: t.positionsCovered,
          })),
          facts: result.facts,
        },
        schema: explanationSchema,
        timeoutMs: this.config.get('AI_TIMEOUT_MS'),
        onUsage: this.usage.record,
      });
      return { ...result, explanation, explainedBy: 'model' };
    } catch (error) {
      if (error instanceof DomainError && error.status === 503)
        return { ...result, explanation: template(result, language), explainedBy: 'template' };
      throw error;
    }
  }
}
