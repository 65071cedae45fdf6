import { z } from 'zod';
import type { MessageEnvelope, MessageType } from './event-map';
import { envelopeSchemaFor } from './registry';

/** What one consumer reads of a topic: the types it handles, typed by the event map. */
export interface ConsumedEvents<T extends MessageType> {
  readonly types: readonly T[];
  /**
   * For the consumer's `schema`: an envelope of a listed type must match its contract (anything else about
   * it is dead-lettered), while every other type, including types added later, passes to be skipped.
   */
  readonly schema: z.ZodType<{ id: string; type: string }>;
  /** The envelope, narrowed by `type` in a switch, or undefined when it is not of a listed type. */
  parse(value: unknown): MessageEnvelope<T> | undefined;
}

/** The envelope union a `consumedEvents(...)` parses to. */
export type ConsumedEvent<C> = C extends ConsumedEvents<infer T> ? MessageEnvelope<T> : never;

/** `consumedEvents(['team.created', 'team.archived'])`: a type missing from the event map does not compile. */
export function consumedEvents<const T extends MessageType>(types: readonly [T, ...T[]]): ConsumedEvents<T> {
  const schemas = new Map<string, z.ZodType<MessageEnvelope<T>>>(types.map((type) => [type, envelopeSchemaFor(type)]));
  const schema = z
    .object({ id: z.string().uuid(), type: z.string() })
    .passthrough()
    .superRefine((value, ctx) => {
      const parsed = schemas.get(value.type)?.safeParse(value);
      if (parsed && !parsed.success) for (const issue of parsed.error.issues) ctx.addIssue(issue);
    });
  return {
    types,
    schema,
    parse(value) {
      const type = typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
      const parsed = typeof type === 'string' ? schemas.get(type)?.safeParse(value) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },
  };
}
