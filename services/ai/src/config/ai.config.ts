import { baseConfigSchema, secret } from '@prodvor/platform';
import { z } from 'zod';

export const aiConfigSchema = baseConfigSchema.extend({
  KAFKA_BROKERS: baseConfigSchema.shape.KAFKA_BROKERS.unwrap(),
  /** Required: match events are stored here (not only cached), shared by every instance. */
  REDIS_URL: secret(z.string().url()),
  GOOGLE_API_KEY: secret(z.string().min(1).optional()),
  GOOGLE_MODEL: z.string().default('gemini-2.5-flash'),
  /** The Gemini API's address: unset means Google's own; set for an egress proxy (tests: a local fake). */
  GOOGLE_API_BASE_URL: z.string().url().optional(),
  OPENAI_COMPAT_BASE_URL: z.string().url().optional(),
  OPENAI_COMPAT_API_KEY: secret(z.string().min(1).optional()),
  OPENAI_COMPAT_MODEL: z.string().default('llama3.1'),
  /** Model-backed requests per user per day (balancing without a model does not count). */
  AI_DAILY_QUOTA: z.coerce.number().int().positive().default(50),
  /** Model-classified chat messages per user (author) per day; past it the rules decide, never a 429. */
  AI_MODERATION_DAILY_QUOTA: z.coerce.number().int().positive().default(2_000),
  AI_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /** Chat must never wait on AI: past this, moderation answers from the rules. */
  AI_MODERATION_TIMEOUT_MS: z.coerce.number().int().positive().default(1_500),
  AI_REPORT_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600 * 1000),
  /** The tournament assistant's tools read tournaments here, as the caller. */
  TOURNAMENT_SERVICE_URL: z.string().url().default('http://tournament-service:3003'),
  /** Per attempt; the call policy retries twice and opens its circuit after 5 consecutive failures. */
  TOURNAMENT_SERVICE_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
});

export type AiConfig = z.infer<typeof aiConfigSchema>;

/** Request bodies above this answer 413: the largest valid body (200 players) is far below it. */
export const AI_BODY_LIMIT_BYTES = 256 * 1024;
