import { readFileSync } from 'node:fs';

/** The subset of OpenAPI 3 schema objects the services' generated documents use. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** One operation of the document, its schemas with every `$ref` resolved. */
export interface FuzzOperation {
  /** `POST /api/v1/teams/{teamId}/archive`: how failures are grouped. */
  route: string;
  method: string;
  path: string;
  pathParams: ParameterObject[];
  queryParams: ParameterObject[];
  headerParams: ParameterObject[];
  /** The request body's media type and schema, when the operation takes one. */
  body?: { contentType: string; required: boolean; schema: SchemaObject };
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

export function loadOpenApiDocument(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** The schema with `$ref` and `allOf` replaced by what they point to (one level; callers recurse). */
export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`openapi: unresolved ${schema.$ref}`);
    return resolveSchema(doc, { ...target, ...withoutRef(schema) });
  }
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((part) => resolveSchema(doc, part));
    const merged: SchemaObject = { ...schema, allOf: undefined };
    for (const part of parts) {
      Object.assign(merged, part, {
        properties: { ...merged.properties, ...part.properties },
        required: [...(merged.required ?? []), ...(part.required ?? [])],
      });
    }
    return merged;
  }
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return resolveSchema(doc, variants[0]);
  return schema;
}

function withoutRef(schema: SchemaObject): SchemaObject {
  const rest = { ...schema };
  delete rest.$ref;
  return rest;
}

export function listOperations(doc: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = operation.parameters ?? [];
      const content = Object.entries(operation.requestBody?.content ?? {})[0];
      operations.push({
        route: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((param) => param.in === 'path'),
        queryParams: params.filter((param) => param.in === 'query'),
        headerParams: params.filter((param) => param.in === 'header'),
        ...(content
          ? {
              body: {
                contentType: content[0],
                required: operation.requestBody?.required ?? false,
                schema: resolveSchema(doc, content[1].schema),
              },
            }
          : {}),
      });
    }
  }
  return operations;
}

const SAMPLE_UUID = '0190f0a0-0000-7000-8000-00000000f022';

/**
 * A value the schema accepts as far as the document says (enum, format, bounds), so one hostile field
 * at a time reaches validation with everything else well-formed. Cross-field rules are not modelled.
 */
export function sampleValue(doc: OpenApiDocument, raw: SchemaObject | undefined, depth = 0, name = ''): unknown {
  const schema = resolveSchema(doc, raw);
  if (schema.enum?.length) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  if (depth > 12) return undefined;
  switch (schema.type ?? 'object') {
    case 'string':
      // Ids the document leaves without a format are UUIDs all the same.
      return /Id$/.test(name) && !schema.format ? SAMPLE_UUID : sampleString(schema);
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return true;
    case 'array': {
      const count = Math.max(schema.minItems ?? 1, 1);
      return Array.from({ length: Math.min(count, 4) }, () => sampleValue(doc, schema.items, depth + 1));
    }
    default: {
      if (!schema.properties) return schema.type === 'object' ? {} : 'fuzz';
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        const sample = sampleValue(doc, property, depth + 1, name);
        if (sample !== undefined) value[name] = sample;
      }
      return value;
    }
  }
}

function sampleString(schema: SchemaObject): string {
  switch (schema.format ?? '') {
    case 'uuid':
      return SAMPLE_UUID;
    case 'date-time':
      return '2031-06-01T12:00:00.000Z';
    case 'date':
      return '2031-06-01';
    case 'email':
      return 'fuzz@example.test';
    case 'uri':
    case 'url':
      return 'https://example.com/fuzz.png';
    default: {
      const length = Math.min(Math.max(schema.minLength ?? 0, 8), schema.maxLength ?? 8);
      return 'fuzzsample'.padEnd(length, 'x').slice(0, Math.max(length, 1));
    }
  }
}

/** A path parameter's well-formed value: the services' ids are UUIDs. */
export function samplePathValue(): string {
  return SAMPLE_UUID;
}
