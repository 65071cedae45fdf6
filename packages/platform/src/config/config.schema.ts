import { z } from 'zod';

const secrets = new WeakSet<z.ZodTypeAny>();

/** Marks a config field as secret: `redactConfig` (and therefore every config log line) hides its value. */
export function secret<T extends z.ZodTypeAny>(schema: T): T {
  secrets.add(schema);
  return schema;
}

export function isSecret(schema: z.ZodTypeAny): boolean {
  return secrets.has(schema);
}

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A comma-separated list of names (at least one). */
export const commaListSchema = (what: string) =>
  z
    .string()
    .transform(splitList)
    .pipe(z.array(z.string()).min(1, `must list at least one ${what}`));

/** A comma-separated list that may be empty: unset means none. */
export const optionalCommaListSchema = () => z.string().default('').transform(splitList);

/** A comma-separated list of TCP ports (1-65535); `fallback` (e.g. `'80,443'`) when unset. */
export const portListSchema = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ports = value.split(',').map((item) => Number(item.trim()));
      if (ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65_535)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'a comma-separated list of ports (1-65535)' });
        return z.NEVER;
      }
      return ports;
    });

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Variables every service shares; a service's schema is `baseConfigSchema.extend({ ... })`. */
export const baseConfigSchema = z.object({
  SERVICE_NAME: z.string().min(1),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: intFromEnv(3000),
  /** The interface to listen on: loopback by default, `0.0.0.0` only where a network boundary (a container) protects it. */
  HOST: z.string().min(1).default('127.0.0.1'),
  SHUTDOWN_TIMEOUT_MS: intFromEnv(8_000),
  /** After SIGTERM, how long the service keeps accepting (answering not ready) before it closes the listener. */
  SHUTDOWN_DRAIN_DELAY_MS: intFromEnv(1_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: secret(z.string().url().optional()),
  REDIS_URL: secret(z.string().url().optional()),
  REDIS_KEY_PREFIX: z.string().default(''),
  KAFKA_BROKERS: commaListSchema('broker').optional(),
  /** Before every topic and consumer group name: isolates tenants of a shared cluster (test files). */
  KAFKA_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dots, underscores and hyphens only')
    .default(''),
  RABBITMQ_URL: secret(z.string().url().optional()),
  OIDC_ISSUER: z.string().url().default('http://localhost:8080/realms/prodvor'),
  OIDC_JWKS_URL: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().min(1).default('prodvor-api'),
  /** Realm clients (`azp`) whose access tokens are accepted; default: the realm's API clients. */
  OIDC_ALLOWED_CLIENTS: commaListSchema('client').optional(),
  /** How long a fetched key set is trusted before it is fetched again (bounds a removed key's life). */
  OIDC_JWKS_CACHE_MAX_AGE_MS: intFromEnv(300_000),
  /** The realm's token endpoint for service-account tokens (default `<OIDC_ISSUER>/protocol/openid-connect/token`). */
  OIDC_TOKEN_URL: z.string().url().optional(),
  HTTP_BODY_LIMIT_BYTES: intFromEnv(1_048_576),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigValidationError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${issues.map((issue) => `${issue.variable}: ${issue.message}`).join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Parses the environment with the schema; throws `ConfigValidationError` naming each bad variable. */
export function loadConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  // An empty variable means "not set", so optional values and defaults apply.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigValidationError(
      parsed.error.issues.map((issue) => ({ variable: issue.path.join('.') || '(root)', message: issue.message })),
    );
  }
  return parsed.data as z.infer<S>;
}

function maskUrlPassword(value: string): string {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = '[REDACTED]';
    return url.toString();
  } catch {
    return value;
  }
}

/** A copy safe to log: secret fields replaced, passwords inside URLs masked. */
export function redactConfig(schema: z.ZodTypeAny, config: Record<string, unknown>): Record<string, unknown> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodTypeAny>) : {};
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (value === undefined) return [key, value];
      if (shape[key] && isSecret(shape[key])) return [key, '[REDACTED]'];
      return [key, typeof value === 'string' ? maskUrlPassword(value) : value];
    }),
  );
}
