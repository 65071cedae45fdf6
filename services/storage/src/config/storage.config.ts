import {
  baseConfigSchema,
  mediaGrantSecretSchema,
  optionalCommaListSchema,
  portListSchema,
  secret,
} from '@prodvor/platform';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const MiB = 1024 * 1024;

export const storageConfigSchema = baseConfigSchema.extend({
  DATABASE_URL: secret(z.string().url()),
  KAFKA_BROKERS: baseConfigSchema.shape.KAFKA_BROKERS.unwrap(),
  RABBITMQ_URL: secret(z.string().url()),

  /** S3 API the service talks to (MinIO/s3rver locally; absent means AWS). */
  S3_ENDPOINT: z.string().url().optional(),
  /** Endpoint presigned URLs are issued for (what clients can reach); defaults to S3_ENDPOINT. */
  S3_PUBLIC_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: secret(z.string().min(1)),
  S3_SECRET_ACCESS_KEY: secret(z.string().min(1)),

  /** Lifetime of a presigned PUT (single upload). */
  UPLOAD_URL_TTL_SECONDS: positiveInt(300),
  /** Lifetime of presigned part URLs of a multipart upload. */
  MULTIPART_URL_TTL_SECONDS: positiveInt(3600),
  /** Size of every part but the last of a presigned multipart upload (S3 needs ≥ 5 MiB). */
  MULTIPART_PART_SIZE_BYTES: z.coerce
    .number()
    .int()
    .min(5 * MiB)
    .default(16 * MiB),
  /** Declared sizes above this must use multipart (S3 single PUT tops out at 5 GiB; large PUTs fail badly on mobile). */
  MULTIPART_THRESHOLD_BYTES: positiveInt(64 * MiB),
  /** An upload not completed this long after its URLs expire is swept: object deleted, quota released. */
  UPLOAD_COMPLETION_GRACE_SECONDS: positiveInt(900),
  UPLOAD_SWEEP_INTERVAL_MS: positiveInt(60_000),
  /** Lifetime of presigned GET URLs handed to readers. */
  DOWNLOAD_URL_TTL_SECONDS: positiveInt(300),

  QUOTA_BYTES_PER_USER: positiveInt(5 * 1024 * MiB),
  QUOTA_OBJECTS_PER_USER: positiveInt(2_000),

  /** Decoded pixels an input image may have (decompression bomb guard, ≈ 50 MP). */
  MEDIA_MAX_INPUT_PIXELS: positiveInt(50_000_000),
  MEDIA_JOB_MAX_ATTEMPTS: positiveInt(3),
  MEDIA_JOB_RETRY_DELAY_MS: positiveInt(5_000),
  MEDIA_JOB_PREFETCH: positiveInt(2),

  /** Server-side streaming upload: multipart part size and parts in flight (ObjectStorage.streamUpload). */
  STREAM_PART_SIZE_BYTES: z.coerce
    .number()
    .int()
    .min(5 * MiB)
    .default(5 * MiB),
  STREAM_QUEUE_SIZE: positiveInt(4),
  /** An upload socket idle this long is destroyed (and its partial object removed). */
  STREAM_SOCKET_TIMEOUT_MS: positiveInt(60_000),
  /**
   * Streaming uploads one instance runs at once (each holds up to (STREAM_QUEUE_SIZE + 1) parts);
   * more answer 503 UPLOAD_STREAMS_BUSY, so memory stays bounded however many clients send.
   */
  /** A streaming upload slower than this (bytes/s over each STREAM_MIN_RATE_WINDOW_MS) is ended with 408. */
  STREAM_MIN_BYTES_PER_SECOND: positiveInt(16 * 1024),
  STREAM_MIN_RATE_WINDOW_MS: positiveInt(10_000),
  STREAM_MAX_CONCURRENT: positiveInt(8),

  SHARE_LINK_MAX_TTL_SECONDS: positiveInt(30 * 24 * 3600),
  SHARE_LINK_MAX_DOWNLOADS: positiveInt(10_000),
  /** How long later ranges from the client that started a counted download belong to it (a player seeking). */
  SHARE_DOWNLOAD_SESSION_SECONDS: positiveInt(3 * 3600),

  IMPORT_MAX_URLS: z.coerce.number().int().min(1).max(100).default(100),
  IMPORT_CONCURRENCY: positiveInt(5),
  /** Whole-file deadline of one import download (connect, headers and body). */
  IMPORT_TIMEOUT_MS: positiveInt(30_000),
  IMPORT_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(5),
  /**
   * Private ranges an import may reach anyway. Empty in every deployment: only tests set it
   * (e.g. 127.0.0.1/32 for a local HTTP server). Loopback, private, link-local and unique-local
   * addresses are refused otherwise.
   */
  IMPORT_ALLOWED_PRIVATE_CIDRS: optionalCommaListSchema(),
  /** Ports an imported URL (and each redirect) may name: a list, `80,443` by default. */
  IMPORT_ALLOWED_PORTS: portListSchema('80,443'),
  /** Outbound downloads one user may start: URLs per IMPORT_URL_WINDOW_SECONDS, over all their batches. */
  IMPORT_URLS_PER_WINDOW: positiveInt(300),
  IMPORT_URL_WINDOW_SECONDS: positiveInt(3600),

  /** Shared with chat-service: verifies media grants for chat attachments (≥ 32 chars; required in production). */
  MEDIA_GRANT_SECRET: mediaGrantSecretSchema(),
});

export type StorageConfig = z.infer<typeof storageConfigSchema>;
