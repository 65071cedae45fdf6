import { baseConfigSchema, commaListSchema, secret } from '@prodvor/platform';
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
  /**
   * VAPID key pair (base64url, as `web-push generate-vapid-keys` prints them) Web Push is signed with. Required
   * in production (the service refuses to start without it); elsewhere a pair is generated at start-up.
   */
  WEB_PUSH_VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'an uncompressed P-256 public key, base64url (87 characters)')
    .optional(),
  WEB_PUSH_VAPID_PRIVATE_KEY: secret(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 private key, base64url (43 characters)')
      .optional(),
  ),
  /** Who push services contact about this sender (`mailto:` or `https:`). */
  WEB_PUSH_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'a mailto: or https: URL')
    .default('mailto:push@prodvor.local'),
  /**
   * Push services a browser subscription may point at (a host or a parent domain): the service POSTs to the
   * endpoint a client sends, so anything else (an internal address) is refused. Default: Chrome/Edge (FCM),
   * Firefox, Safari, Windows.
   */
  WEB_PUSH_ENDPOINT_HOSTS: commaListSchema('host').default(
    'fcm.googleapis.com,android.googleapis.com,push.services.mozilla.com,push.apple.com,notify.windows.com',
  ),
  /** Accepts `http:` subscription endpoints (local push servers in tests); refused in production. */
  WEB_PUSH_ALLOW_HTTP_ENDPOINTS: z.enum(['true', 'false']).default('false'),
  /** Mobile push tokens one account may register. */
  DEVICE_MAX_PER_USER: z.coerce.number().int().positive().max(100).default(20),
  WEB_PUSH_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().positive().max(100).default(10),
  /** How long a push service keeps an undelivered push (device offline). */
  PUSH_TTL_SECONDS: z.coerce.number().int().min(0).max(2_419_200).default(86_400),
  /** Per attempt of a push request; 429 and 5xx answers are retried PUSH_RETRIES times with backoff. */
  PUSH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  PUSH_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  PUSH_BACKOFF_MS: z.coerce.number().int().positive().default(500),
  /**
   * The Firebase service account key (its JSON, as the console downloads it): FCM HTTP v1 pushes to the
   * registered device tokens are on when set.
   */
  FCM_SERVICE_ACCOUNT_JSON: secret(z.string().min(2).optional()),
  /** FCM's API base URL (tests point it at a local stub). */
  FCM_BASE_URL: z.string().url().default('https://fcm.googleapis.com'),
  /** Overrides the service account's `token_uri` (the OAuth 2.0 token endpoint). */
  FCM_TOKEN_URL: z.string().url().optional(),
  /** Base URL media variant keys are served under (a CDN or the storage-service read path). */
  MEDIA_BASE_URL: z.string().url().optional(),
});

export type UserConfig = z.infer<typeof userConfigSchema>;
