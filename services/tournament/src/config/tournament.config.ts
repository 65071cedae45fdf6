import { baseConfigSchema, secret } from '@prodvor/platform';
import { z } from 'zod';

export const tournamentConfigSchema = baseConfigSchema.extend({
  DATABASE_URL: secret(z.string().url()),
  KAFKA_BROKERS: baseConfigSchema.shape.KAFKA_BROKERS.unwrap(),
  RABBITMQ_URL: secret(z.string().url()),
  /** Public reads (standings, brackets, leaderboards) are cached this long; every change also invalidates them. */
  TOURNAMENT_CACHE_TTL_MS: z.coerce.number().int().positive().default(60_000),
  /** How often due work runs: unanswered results are confirmed, reminders queued, notifications dispatched. */
  TOURNAMENT_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(15_000),
  /** A match reminder goes to the teams' members this long before kick-off. */
  MATCH_REMINDER_LEAD_HOURS: z.coerce.number().int().min(1).max(168).default(24),
});

export type TournamentConfig = z.infer<typeof tournamentConfigSchema>;
