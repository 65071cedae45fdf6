import { CHAT_TEXT_MAX_LENGTH } from '@prodvor/contracts';
import type { Genkit } from 'genkit';
import { z } from 'genkit';
import { generateStructured, type GenerationObserver } from '../genkit/structured';

export const moderationInputSchema = z.object({ text: z.string().min(1).max(CHAT_TEXT_MAX_LENGTH) });

export const verdictSchema = z.object({
  verdict: z.enum(['ok', 'toxic', 'spam', 'personal_data']),
  reason: z.string().min(1).max(200),
  confidence: z.number().min(0).max(1),
});

/** The `moderation` Genkit flow: one attempt within `timeoutMs` (the caller falls back to rules). */
export function defineModerationFlow(ai: Genkit, options: { timeoutMs: number; observer?: GenerationObserver }) {
  return ai.defineFlow(
    { name: 'moderation', inputSchema: moderationInputSchema, outputSchema: verdictSchema },
    (input) =>
      generateStructured(ai, {
        flow: 'moderation',
        instructions:
          'Classify one chat message of an amateur sports app as ok, toxic (insults, harassment), spam (ads, link floods) or personal_data (phone numbers, addresses, card or document numbers). Give a short reason.',
        data: { message: input.text },
        schema: verdictSchema,
        maxAttempts: 1,
        timeoutMs: options.timeoutMs,
        ...options.observer,
      }),
  );
}
