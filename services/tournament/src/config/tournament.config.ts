import { baseConfigSchema, optionalCommaListSchema, portListSchema, secret } from '@prodvor/platform';
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

  /** Webhook subscriptions one tournament or one team may hold. */
  WEBHOOK_MAX_PER_OWNER: z.coerce.number().int().min(1).max(100).default(10),
  /** Deadline of one delivery POST (connect, headers and body). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  /** POSTs of one delivery before it is parked on the dead-letter queue (a replay starts again). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(12).default(8),
  /** Wait before the second attempt; it doubles per attempt up to WEBHOOK_RETRY_MAX_DELAY_MS. */
  WEBHOOK_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(10).default(10_000),
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(10).default(3_600_000),
  /** Token bucket per subscription: sustained deliveries per second and the burst above it. */
  WEBHOOK_RATE_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(5),
  WEBHOOK_RATE_BURST: z.coerce.number().int().min(1).max(1000).default(10),
  /** A delivery over its subscriber's rate waits this long in the throttle queue, then tries again. */
  WEBHOOK_THROTTLE_DELAY_MS: z.coerce.number().int().min(10).default(1_000),
  /** After a rotation deliveries are signed with the old secret too, this long. */
  /** Finished deliveries (succeeded or dead) and their log are kept this long, then pruned hourly. */
  WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Encrypts subscribers' signing secrets at rest (AES-256-GCM, key derived with HKDF): at least 32 characters.
   * Required in production; without it (development, tests) secrets are stored as they are.
   */
  WEBHOOK_SECRET_KEY: secret(z.string().min(32).optional()),
  WEBHOOK_SECRET_GRACE_HOURS: z.coerce.number().int().min(0).max(168).default(24),
  /**
   * Development and tests only (refused when NODE_ENV=production): accept http:// targets, reach these
   * private ranges (e.g. 127.0.0.1/32 for a local receiver) and these ports. Production takes https to
   * public addresses only: the service refuses to start with either set (see webhooks/webhook-target-policy.ts).
   */
  WEBHOOK_DEV_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  WEBHOOK_DEV_ALLOWED_PRIVATE_CIDRS: optionalCommaListSchema(),
  WEBHOOK_ALLOWED_PORTS: portListSchema('443'),
});

export type TournamentConfig = z.infer<typeof tournamentConfigSchema>;
