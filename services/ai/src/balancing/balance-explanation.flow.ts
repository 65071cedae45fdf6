import type { Genkit } from 'genkit';
import { z } from 'genkit';
import { generateStructured, type GenerationObserver } from '../genkit/structured';
import { POSITIONS, type Position } from './balance-teams';

/** Only numbers the algorithm produced: no user text reaches this prompt. */
export const balanceExplanationInputSchema = z.object({
  language: z.enum(['ru', 'en']),
  teams: z.array(
    z.object({
      totalSkill: z.number(),
      size: z.number().int(),
      positions: z.array(z.enum(POSITIONS as [Position, ...Position[]])),
    }),
  ),
  facts: z.object({
    teamCount: z.number().int(),
    playerCount: z.number().int(),
    spread: z.number(),
    goalkeepersSpread: z.boolean(),
    swaps: z.number().int(),
  }),
});
export type BalanceExplanationInput = z.infer<typeof balanceExplanationInputSchema>;

export const explanationSchema = z.object({ explanation: z.string().min(1).max(600) });

/** The `balanceExplanation` Genkit flow: two sentences on why the deterministic split is fair. */
export function defineBalanceExplanationFlow(
  ai: Genkit,
  options: { timeoutMs: number; observer?: GenerationObserver },
) {
  return ai.defineFlow(
    { name: 'balanceExplanation', inputSchema: balanceExplanationInputSchema, outputSchema: explanationSchema },
    ({ language, teams, facts }) =>
      generateStructured(ai, {
        flow: 'balance-explanation',
        instructions: `Explain in ${language === 'ru' ? 'Russian' : 'English'}, in two sentences, why this split of amateur football players into teams is fair. Use only the numbers given.`,
        data: { teams, facts },
        schema: explanationSchema,
        timeoutMs: options.timeoutMs,
        ...options.observer,
      }),
  );
}
