import { baseConfigSchema, secret } from '@prodvor/platform';
import { z } from 'zod';

export const teamConfigSchema = baseConfigSchema.extend({
  DATABASE_URL: secret(z.string().url()),
  KAFKA_BROKERS: baseConfigSchema.shape.KAFKA_BROKERS.unwrap(),
  RABBITMQ_URL: secret(z.string().url()),
  /** How long an invitation stays acceptable unless the inviter chose otherwise. */
  INVITATION_TTL_HOURS: z.coerce.number().int().positive().default(168),
  /** Time to live of the cached public team page (it is also invalidated on every change). */
  TEAM_PAGE_CACHE_TTL_MS: z.coerce.number().int().positive().default(30_000),
  /** ai-service: its balancer draws the sides of pickup games (called with the manager's own token). */
  AI_SERVICE_URL: z.string().url().default('http://ai-service:3006'),
  /** Per attempt; the call policy retries once and opens its circuit after 5 consecutive failures. */
  AI_SERVICE_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
});

export type TeamConfig = z.infer<typeof teamConfigSchema>;
