import { CHAT_MAX_ATTACHMENTS, CHAT_TEXT_MAX_LENGTH } from '@prodvor/contracts';
import { baseConfigSchema, mediaGrantSecretSchema, secret } from '@prodvor/platform';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const chatConfigSchema = baseConfigSchema.extend({
  DATABASE_URL: secret(z.string().url()),
  REDIS_URL: secret(z.string().url()),
  KAFKA_BROKERS: baseConfigSchema.shape.KAFKA_BROKERS.unwrap(),
  RABBITMQ_URL: secret(z.string().url()),
  /** Names this instance's fan-out consumer group (`chat.fanout.<id>`); random when unset. */
  CHAT_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  /** Largest Socket.IO packet a client may send; a larger one closes that client's connection. */
  CHAT_SOCKET_MAX_BUFFER_BYTES: positiveInt(16_384),
  CHAT_MAX_ROOMS_PER_SOCKET: positiveInt(50),
  CHAT_MESSAGE_MAX_LENGTH: z.coerce.number().int().positive().max(CHAT_TEXT_MAX_LENGTH).default(2000),
  CHAT_MAX_ATTACHMENTS: z.coerce.number().int().min(0).max(CHAT_MAX_ATTACHMENTS).default(5),
  /** Sends per socket per second (token bucket: burst of the same size). */
  CHAT_SOCKET_SENDS_PER_SECOND: positiveInt(5),
  /**
   * Client events of any kind (join, history/search, read, typing, send, refresh) per socket per second,
   * refilled continuously up to the burst (a client opening many rooms at once); over it: CHAT_RATE_LIMITED.
   */
  CHAT_SOCKET_EVENTS_PER_SECOND: positiveInt(10),
  CHAT_SOCKET_EVENTS_BURST: positiveInt(60),
  /** Sends per user per window, across sockets and instances (Redis counter). */
  CHAT_USER_SENDS_PER_WINDOW: positiveInt(30),
  CHAT_USER_SEND_WINDOW_MS: positiveInt(10_000),
  /** Refused events (rate, validation) a socket may cause per minute before it is disconnected. */
  CHAT_SOCKET_MAX_VIOLATIONS: positiveInt(20),
  /** How long a client message id is remembered for retry deduplication. */
  CHAT_CLIENT_ID_TTL_SECONDS: positiveInt(86_400),
  /** A connection is closed this long after its access token expired, unless `auth:refresh` renewed it. */
  CHAT_TOKEN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  CHAT_GROUP_MAX_MEMBERS: positiveInt(50),
  CHAT_MUTE_MAX_SECONDS: positiveInt(30 * 86_400),
  /** Membership answers cached per instance; every change empties all caches, this bounds a missed announcement. */
  CHAT_ACCESS_CACHE_MS: z.coerce.number().int().min(0).default(60_000),
  CHAT_TYPING_TTL_MS: positiveInt(6_000),
  CHAT_PRESENCE_TTL_MS: positiveInt(90_000),
  /** Offline notifications for one user and room are gathered for this long, then sent as one job. */
  CHAT_NOTIFY_BATCH_MS: positiveInt(30_000),
  CHAT_MATCH_RECENT_EVENTS: positiveInt(20),
  /** Longest a fan-out fetch waits on an idle partition (a real broker answers as soon as data arrives). */
  CHAT_FANOUT_MAX_WAIT_MS: positiveInt(100),
  /** ai-service base URL (internal network); unset: messages are not reviewed by moderation. */
  AI_SERVICE_URL: z.string().url().optional(),
  /** chat-service's confidential Keycloak client: its service account holds `service:moderation`. */
  CHAT_SERVICE_CLIENT_ID: z.string().min(1).default('prodvor-chat-service'),
  /** That client's secret (`${PRODVOR_CHAT_SERVICE_SECRET}` of the realm); required when AI_SERVICE_URL is set. */
  CHAT_SERVICE_CLIENT_SECRET: secret(z.string().min(1).optional()),
  /** Per attempt of a moderation call (one retry); ai-service's own model budget is 1.5 s. */
  CHAT_MODERATION_TIMEOUT_MS: positiveInt(3_000),
  /** Messages older than this when the review reaches them (a new group, a long outage) are not reviewed. */
  CHAT_MODERATION_MAX_AGE_SECONDS: positiveInt(3_600),
  /** Shared with storage-service: signs media grants for room members (≥ 32 chars; required in production). */
  MEDIA_GRANT_SECRET: mediaGrantSecretSchema(),
});

export type ChatConfig = z.infer<typeof chatConfigSchema>;
