import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  matchPageSchema,
  matchSchema,
  MAX_MATCHES_PAGE,
  standingsSchema,
  tournamentSchema,
} from './tournament-service.client';

// The client's reading of tournament-service, checked against tournament-service's checked-in
// OpenAPI document: a drift there (a renamed, removed or newly optional field) fails here.

interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  allOf?: JsonSchema[];
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema: JsonSchema & { maximum?: number } }[];
        responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
}

const document = JSON.parse(readFileSync(join(__dirname, '../../../tournament/openapi.json'), 'utf8')) as OpenApi;

function resolve(schema: JsonSchema): JsonSchema {
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
  return schema;
}

/**
 * An example value of a schema: `minimal` keeps only required properties (an optional field the
 * client relied on would be missing), otherwise every property is present (nullable ones as null).
 */
function example(raw: JsonSchema, minimal: boolean): unknown {
  const schema = resolve(raw);
  if (!minimal && schema.nullable) return null;
  if (schema.enum) return schema.enum[0];
  switch (schema.type ?? 'object') {
    case 'string':
      return schema.format === 'uuid'
        ? '0192f0c4-8a57-7b3e-9a51-6f1d2c3b4a59'
        : schema.format === 'date-time'
          ? '2026-11-20T10:00:00.000Z'
          : 'text';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [example(schema.items ?? {}, minimal)];
    default: {
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => !minimal || required.has(name))
          .map(([name, property]) => [name, example(property, minimal)]),
      );
    }
  }
}

/** Fields the client reads that the document does not declare (e.g. renamed on the other side). */
function undeclared(zod: z.ZodTypeAny, raw: JsonSchema, at = ''): string[] {
  const schema = resolve(raw);
  if (zod instanceof z.ZodEffects) return undeclared(zod.innerType() as z.ZodTypeAny, raw, at);
  if (zod instanceof z.ZodOptional || zod instanceof z.ZodNullable)
    return undeclared(zod.unwrap() as z.ZodTypeAny, raw, at);
  if (zod instanceof z.ZodArray) return undeclared(zod.element as z.ZodTypeAny, schema.items ?? {}, `${at}[]`);
  if (!(zod instanceof z.ZodObject)) return [];
  return Object.entries(zod.shape as Record<string, z.ZodTypeAny>).flatMap(([name, field]) => {
    const declared = schema.properties?.[name];
    return declared ? undeclared(field, declared, `${at}.${name}`) : [`${at}.${name}`];
  });
}

const operation = (path: string) => {
  const found = document.paths[path]?.get;
  if (!found) throw new Error(`tournament-service serves no GET ${path}`);
  return found;
};
const okSchema = (path: string) => operation(path).responses['200'].content!['application/json'].schema;

const reads: [string, string, z.ZodTypeAny][] = [
  ['tournament', '/api/v1/tournaments/{tournamentId}', tournamentSchema],
  ['standings', '/api/v1/tournaments/{tournamentId}/standings', standingsSchema],
  ['matches', '/api/v1/tournaments/{tournamentId}/matches', matchPageSchema],
  ['a match', '/api/v1/matches/{matchId}', matchSchema],
];

describe("the tournament-service client against tournament-service's openapi.json", () => {
  it.each(reads)('reads %s (GET %s) with only the required fields, and with every field', (_name, path, schema) => {
    for (const minimal of [true, false]) {
      const parsed = schema.safeParse(example(okSchema(path), minimal));
      expect(parsed.success ? 'ok' : JSON.stringify(parsed.error.issues)).toBe('ok');
    }
    expect(undeclared(schema, okSchema(path))).toEqual([]);
  });

  it('uses only query parameters tournament-service declares, within its bounds', () => {
    const parameters = operation('/api/v1/tournaments/{tournamentId}/matches').parameters ?? [];
    const query = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
    for (const name of ['limit', 'cursor', 'status']) expect(query.has(name)).toBe(true);
    expect(query.get('limit')!.maximum).toBeGreaterThanOrEqual(MAX_MATCHES_PAGE);
  });
});
