import {
  resolveSchema,
  samplePathValue,
  sampleValue,
  type FuzzOperation,
  type OpenApiDocument,
  type SchemaObject,
} from './document';
import type { Random } from './random';
import {
  DEEP_ARRAY_MARKER,
  DEEP_NESTING,
  DEEP_OBJECT_MARKER,
  deepJson,
  hostileBodyValues,
  hostilePathValues,
  hostileQueryValues,
  huge,
  type HostileValue,
} from './values';

export type FuzzMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What part of the request is hostile; budgets keep every group represented. */
export type FuzzGroup = 'path' | 'query' | 'header' | 'body' | 'transport';

/** One hostile request, before an identity is added. */
export interface FuzzCase {
  route: string;
  group: FuzzGroup;
  /** `path teamId: not a UUID`, `body name: 100 KB`: what makes the request hostile. */
  label: string;
  method: FuzzMethod;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

interface Parts {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Raw payload; `undefined` sends the operation's well-formed sample body (if any). */
  payload?: string | null;
  contentType?: string | null;
}

const JSON_TYPE = 'application/json';
/** Over the platform's 1 MB default body limit. */
const OVER_BODY_LIMIT = 1_100_000;

/** Serialises a body; deep-nesting markers become 10 000-deep JSON text (JSON.stringify would recurse). */
export function serialiseBody(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll(`"${DEEP_OBJECT_MARKER}"`, () => deepJson(DEEP_NESTING, 'object'))
    .replaceAll(`"${DEEP_ARRAY_MARKER}"`, () => deepJson(DEEP_NESTING, 'array'));
}

function queryString(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function setAt(target: unknown, path: (string | number)[], value: unknown): boolean {
  let node = target as Record<string | number, unknown> | undefined;
  for (const key of path.slice(0, -1)) {
    const next = node?.[key];
    if (!next || typeof next !== 'object') return false;
    node = next as Record<string | number, unknown>;
  }
  if (!node) return false;
  node[path[path.length - 1]] = value;
  return true;
}

const fieldName = (path: (string | number)[]): string =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i ? `.${key}` : key)).join('');

/** Every property of the body schema down to `maxDepth` levels (array items as `[0]`), with its schema. */
function bodyFields(
  doc: OpenApiDocument,
  schema: SchemaObject,
  prefix: (string | number)[] = [],
  maxDepth = 3,
): { path: (string | number)[]; schema: SchemaObject }[] {
  if (prefix.length >= maxDepth) return [];
  const fields: { path: (string | number)[]; schema: SchemaObject }[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const property = resolveSchema(doc, raw);
    const path = [...prefix, name];
    fields.push({ path, schema: property });
    if (property.properties) fields.push(...bodyFields(doc, property, path, maxDepth));
    const items = property.type === 'array' ? resolveSchema(doc, property.items) : undefined;
    if (items?.properties) fields.push(...bodyFields(doc, items, [...path, 0], maxDepth));
  }
  return fields;
}

/** Every hostile request for one operation of the document. Deterministic for a given `random` stream. */
export function operationCases(
  doc: OpenApiDocument,
  operation: FuzzOperation,
  random: Random,
  pathValues: Record<string, string> = {},
): FuzzCase[] {
  const method = operation.method as FuzzMethod;
  const jsonBody = operation.body?.contentType === JSON_TYPE ? operation.body : undefined;
  const sample = jsonBody ? sampleValue(doc, jsonBody.schema) : undefined;
  const baseQuery: Record<string, unknown> = {};
  for (const param of operation.queryParams) {
    if (param.required) baseQuery[param.name] = sampleValue(doc, param.schema);
  }
  const cases: FuzzCase[] = [];

  const add = (group: FuzzGroup, label: string, parts: Parts): void => {
    let url = operation.path;
    for (const param of operation.pathParams) {
      url = url.replace(`{${param.name}}`, parts.path?.[param.name] ?? pathValues[param.name] ?? samplePathValue());
    }
    url += queryString({ ...baseQuery, ...parts.query });
    const payload =
      parts.payload === undefined ? (sample !== undefined ? serialiseBody(sample) : undefined) : parts.payload;
    const contentType =
      parts.contentType === undefined
        ? payload !== undefined && payload !== null
          ? JSON_TYPE
          : null
        : parts.contentType;
    const headers: Record<string, string> = { ...parts.headers };
    if (contentType !== null) headers['content-type'] = contentType;
    cases.push({
      route: operation.route,
      group,
      label,
      method,
      url,
      headers,
      ...(payload !== undefined && payload !== null ? { payload } : {}),
    });
  };

  for (const param of operation.pathParams) {
    for (const hostile of hostilePathValues()) {
      add('path', `path ${param.name}: ${hostile.label}`, { path: { [param.name]: String(hostile.value) } });
    }
  }
  for (const param of operation.queryParams) {
    for (const hostile of hostileQueryValues(param.name, resolveSchema(doc, param.schema), random)) {
      add('query', `query ${param.name}: ${hostile.label}`, { query: { [param.name]: hostile.value } });
    }
  }
  add('query', 'query: unknown parameter', { query: { fuzzUnknown: '1' } });
  add('query', 'query: __proto__ parameter', {
    query: Object.fromEntries([
      ['__proto__', '1'],
      ['constructor[prototype]', '1'],
    ]),
  });
  for (const param of operation.headerParams) {
    add('header', `header ${param.name}: 10 KB`, { headers: { [param.name]: huge('k', 10 * 1024) } });
    add('header', `header ${param.name}: empty`, { headers: { [param.name]: '' } });
    add('header', `header ${param.name}: comma list`, { headers: { [param.name]: 'a, b' } });
  }

  if (jsonBody) {
    // The baseline: what the other body cases change one field of.
    add('body', 'body: well-formed sample', {});
    for (const field of bodyFields(doc, jsonBody.schema)) {
      for (const hostile of hostileBodyValues(field.schema)) {
        const body = structuredClone(sample);
        if (setAt(body, field.path, hostile.value)) {
          add('body', `body ${fieldName(field.path)}: ${hostile.label}`, { payload: serialiseBody(body) });
        }
      }
    }
    const unknown: HostileValue[] = [
      { label: 'unknown field', value: { fuzzUnknownField: 'x' } },
      { label: 'unknown field, 100 KB', value: { fuzzUnknownField: huge() } },
      { label: 'unknown field, deeply nested', value: { fuzzUnknownField: DEEP_OBJECT_MARKER } },
    ];
    for (const hostile of unknown) {
      const extra = hostile.value as Record<string, unknown>;
      const body = sample && typeof sample === 'object' && !Array.isArray(sample) ? { ...sample, ...extra } : extra;
      add('body', `body: ${hostile.label}`, { payload: serialiseBody(body) });
    }
  }
  if (method !== 'GET') transportCases(add, sample);
  return cases;
}

/** Bodies the parser must refuse cleanly: not JSON, wrong or broken content types, too deep, too large. */
function transportCases(add: (group: FuzzGroup, label: string, parts: Parts) => void, sample: unknown): void {
  const valid = sample !== undefined ? serialiseBody(sample) : '{}';
  const raw: [string, string, string | null][] = [
    ['invalid JSON: truncated', '{"a":', JSON_TYPE],
    ['invalid JSON: open brace', '{', JSON_TYPE],
    ['invalid JSON: trailing comma', '{"a":1,}', JSON_TYPE],
    ['invalid JSON: single quotes', "{'a':1}", JSON_TYPE],
    ['invalid JSON: bare word', 'nul', JSON_TYPE],
    ['invalid JSON: binary', '\u0000\u00ff\u0001', JSON_TYPE],
    ['empty body', '', JSON_TYPE],
    ['JSON array', '[]', JSON_TYPE],
    ['JSON string', '"text"', JSON_TYPE],
    ['JSON number', '123', JSON_TYPE],
    ['JSON null', 'null', JSON_TYPE],
    ['__proto__ key', '{"__proto__":{"admin":true}}', JSON_TYPE],
    ['constructor.prototype key', '{"constructor":{"prototype":{"admin":true}}}', JSON_TYPE],
    ['object nested 10 000 deep', deepJson(DEEP_NESTING, 'object'), JSON_TYPE],
    ['array nested 10 000 deep', deepJson(DEEP_NESTING, 'array'), JSON_TYPE],
    ['over the body limit', `{"a":"${huge('a', OVER_BODY_LIMIT)}"}`, JSON_TYPE],
    ['content type text/plain', valid, 'text/plain'],
    ['content type form-urlencoded', 'a=1&b=2', 'application/x-www-form-urlencoded'],
    ['content type multipart without boundary', valid, 'multipart/form-data'],
    ['content type multipart, garbage', 'garbage', 'multipart/form-data; boundary=fuzz'],
    ['content type application/xml', '<a>1</a>', 'application/xml'],
    ['content type json, utf-16 charset', valid, 'application/json; charset=utf-16'],
    ['content type malformed', valid, ';;;'],
    ['no content type', valid, null],
  ];
  for (const [label, payload, contentType] of raw) add('transport', label, { payload, contentType });
}
