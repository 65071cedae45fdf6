import { baseConfigSchema, secret } from '@prodvor/platform';
import { z } from 'zod';

export const userConfigSchema = baseConfigSchema.extend({
  DATABASE_URL: secret(z.string().url()),
  KAFKA_BROKERS: baseConfigSchema.shape.KAFKA_BROKERS.unwrap(),
  RABBITMQ_URL: secret(z.string().url()),
  /** Keycloak base URL (without `/realms/...`), used for the Admin API. */
  KEYCLOAK_URL: z.string().url(),
  KEYCLOAK_REALM: z.string().min(1).default('prodvor'),
  KEYCLOAK_CLIENT_ID: z.string().min(1).default('prodvor-user-service'),
  KEYCLOAK_CLIENT_SECRET: secret(z.string().min(1)),
  /** Per Admin API call; the circuit opens after repeated failures. */
  KEYCLOAK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** Time to live of a cached public profile (it is also invalidated on every change). */
  PROFILE_CACHE_TTL_MS: z.coerce.number().int().positive().default(60_000),
  /** E-mail delivery is on when set (e.g. `smtp://mail:25`). */
  SMTP_URL: secret(z.string().url().optional()),
  SMTP_FROM: z.string().min(3).default('ProDvor <no-reply@prodvor.local>'),
  /** Deliveries of a notification job before it is parked on the dead-letter queue. */
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  NOTIFICATION_RETRY_DELAY_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * How long a verification link works, and how long an address someone holds in Keycloak without having
   * verified it is protected: after that, whoever proves the address (opens a link sent to it) takes it.
   * Fractions are allowed (tests use seconds).
   */
  EMAIL_VERIFICATION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** The page of the web app a verification link opens; the token is appended as `?token=`. */
  EMAIL_VERIFICATION_URL: z.string().url().default('http://localhost:5173/verify-email'),
  /** Account e-mails (links and notices) sent to one address per hour, whichever accounts asked. */
  EMAIL_MAILS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(5),
  /** Base URL media variant keys are served under (a CDN or the storage-service read path). */
  MEDIA_BASE_URL: z.string().url().optional(),
});

export type UserConfig = z.infer<typeof userConfigSchema>;
