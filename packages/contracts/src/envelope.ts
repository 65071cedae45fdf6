import { v7 as uuidv7, validate as isUuid, version as uuidVersion } from 'uuid';
import { z } from 'zod';

/** A UUIDv7: time-ordered, so ids sort by creation time. */
export const uuidV7 = z
  .string()
  .uuid()
  .refine((value) => isUuid(value) && uuidVersion(value) === 7, { message: 'must be a UUIDv7' });

export const isoUtcTimestamp = z.string().datetime({ offset: false, message: 'must be an ISO 8601 UTC timestamp' });

/** The envelope every Kafka event and RabbitMQ job/result travels in. */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  producer: string;
  subject: string;
  correlationId: string;
  data: TData;
}

export function eventEnvelopeSchema<TType extends string, TData extends z.ZodTypeAny>(
  type: TType,
  data: TData,
  version = 1,
) {
  return z
    .object({
      id: uuidV7,
      type: z.literal(type),
      version: z.literal(version),
      occurredAt: isoUtcTimestamp,
      producer: z.string().min(1).max(64),
      subject: z.string().min(1).max(200),
      correlationId: z.string().min(1).max(200),
      data,
    })
    .strict();
}

/**
 * What a consumer of some of a topic's types accepts: an envelope of a listed type must match its
 * contract (anything else about it is dead-lettered), while every other type, including types added
 * later, passes so the consumer can skip it.
 */
type TypedEnvelopeSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

export function consumedTypesSchema(first: TypedEnvelopeSchema, ...more: TypedEnvelopeSchema[]): z.ZodTypeAny {
  const types = new Set([first, ...more].map((envelope) => envelope.shape.type.value));
  const otherType = z
    .object({ id: z.string().uuid(), type: z.string().refine((type) => !types.has(type)) })
    .passthrough();
  return z.union([otherType, first, ...more]);
}

export interface CreateEnvelopeInput<TType extends string, TData> {
  type: TType;
  version?: number;
  producer: string;
  subject: string;
  correlationId: string;
  data: TData;
  id?: string;
  now?: Date;
}

export function createEnvelope<TType extends string, TData>(
  input: CreateEnvelopeInput<TType, TData>,
): EventEnvelope<TType, TData> {
  const now = input.now ?? new Date();
  // Without an explicit time, uuid keeps v7 ids monotonic within a millisecond too.
  const id = input.id ?? (input.now ? uuidv7({ msecs: now.getTime() }) : uuidv7());
  return {
    id,
    type: input.type,
    version: input.version ?? 1,
    occurredAt: now.toISOString(),
    producer: input.producer,
    subject: input.subject,
    correlationId: input.correlationId,
    data: input.data,
  };
}

export class EnvelopeParseError extends Error {
  constructor(
    message: string,
    readonly issues: z.ZodIssue[] = [],
  ) {
    super(message);
    this.name = 'EnvelopeParseError';
  }
}

/** Parses untrusted bytes into a typed envelope, or throws an EnvelopeParseError saying why. */
export function parseEnvelope<TSchema extends z.ZodTypeAny>(
  raw: Buffer | string | null | undefined,
  schema: TSchema,
): z.infer<TSchema> {
  if (raw === null || raw === undefined) throw new EnvelopeParseError('empty message');
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new EnvelopeParseError('message is not valid JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const summary = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new EnvelopeParseError(`message does not match its schema: ${summary}`, result.error.issues);
  }
  return result.data as z.infer<TSchema>;
}
