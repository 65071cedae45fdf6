import { createCallPolicy, type CallPolicy } from '@prodvor/platform';
import type { Registry } from 'prom-client';
import { z } from 'zod';

// ai-service's `POST /api/v1/ai/moderation` as chat reads it (services/ai/README.md, "Chat moderation").
const moderationSchema = z.object({
  verdict: z.enum(['ok', 'toxic', 'spam', 'personal_data']),
  /** Only logged: cut, never a reason to reject the verdict. */
  reason: z
    .string()
    .transform((reason) => reason.slice(0, 300))
    .optional(),
});
export type ModerationVerdict = z.infer<typeof moderationSchema>['verdict'];

/** `skipped`: ai-service refused this request (4xx: e.g. the author's rate limit); not retried. */
export type ModerationAnswer = { verdict: ModerationVerdict; reason?: string } | { skipped: number };

class ServerError extends Error {}

/** Injection token of the `AiModerationClient`; null when `AI_SERVICE_URL` is not set. */
export const AI_MODERATION = Symbol('AiModerationClient');

/** Where the client's bearer tokens come from (`ServiceTokenProvider`: chat-service's service account). */
export interface ServiceTokens {
  token(): Promise<string>;
  invalidate(): void;
}

/**
 * Calls ai-service's moderation route as chat-service (its service-account token, role
 * `service:moderation`), naming the message's author in the body (`authorId`: ai-service counts the
 * call against that user's quota), through a call policy (timeout per attempt, one retry, circuit
 * breaker). Throws when ai-service is unavailable (network, 5xx, slow, breaker open, an answer off the
 * contract, our token refused twice); the caller decides that the message stays.
 */
export class AiModerationClient {
  private readonly policy: CallPolicy;

  constructor(
    private readonly baseUrl: string,
    private readonly tokens: ServiceTokens,
    options: { timeoutMs: number; registry?: Registry },
  ) {
    this.policy = createCallPolicy({
      name: 'ai-moderation',
      timeoutMs: options.timeoutMs,
      retries: 1,
      breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
      registry: options.registry,
    });
  }

  classify(authorId: string, text: string, correlationId: string): Promise<ModerationAnswer> {
    return this.policy.execute(async (signal) => {
      const token = await this.tokens.token();
      const response = await fetch(new URL('/api/v1/ai/moderation', this.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-correlation-id': correlationId,
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ text, authorId }),
        signal,
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        // Our token was refused (expired early, key rotated, role missing): fetch a new one; the retry uses it.
        if (response.status === 401 || response.status === 403) {
          this.tokens.invalidate();
          throw new ServerError(`ai-moderation refused chat-service's token (${response.status})`);
        }
        if (response.status >= 500) throw new ServerError(`ai-moderation answered ${response.status}`);
        return { skipped: response.status };
      }
      const parsed = moderationSchema.safeParse(await response.json());
      if (!parsed.success) throw new ServerError('ai-moderation answer is off the contract');
      return { verdict: parsed.data.verdict, reason: parsed.data.reason };
    });
  }
}
