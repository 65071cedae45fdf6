import type { SchemaObject } from './document';
import type { Random } from './random';

/** 100 KB: far above any field's bound, below the 1 MB body limit, so it reaches validation. */
export const HUGE_LENGTH = 100 * 1024;
/** Depth of the nested objects/arrays sent: far beyond what any parser that recurses can take. */
export const DEEP_NESTING = 10_000;

export const huge = (char = 'a', length = HUGE_LENGTH): string => char.repeat(length);

export interface HostileValue {
  label: string;
  value: unknown;
}

/** Raw JSON text of `depth` nested objects (`{"a":{"a":…}}`) or arrays, built without recursion. */
export function deepJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object'
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** Marker replaced in a serialised body by `deepJson` (JSON.stringify of a 10 000-deep value would recurse). */
export const DEEP_OBJECT_MARKER = '__fuzz_deep_object__';
export const DEEP_ARRAY_MARKER = '__fuzz_deep_array__';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors no service ever made: random bytes, JSON of the wrong shape, broken encodings. */
export function hostileCursors(random: Random): HostileValue[] {
  return [
    { label: 'cursor of random bytes', value: random.bytes(24).toString('base64url') },
    { label: 'cursor of random bytes (base64)', value: random.bytes(33).toString('base64') },
    { label: 'cursor {"id":"x"}', value: b64url({ id: 'x' }) },
    { label: 'cursor {"id":42}', value: b64url({ id: 42 }) },
    { label: 'cursor {"id":["\'"]}', value: b64url({ id: ["'"] }) },
    { label: 'cursor {}', value: b64url({}) },
    { label: 'cursor [1]', value: b64url([1]) },
    { label: 'cursor null', value: b64url(null) },
    { label: 'cursor with a huge id', value: b64url({ id: huge('f', 4096), at: 'not-a-date' }) },
    { label: 'cursor not base64', value: '!!!***' },
    { label: 'cursor 100 KB', value: huge('A') },
  ];
}

/** Values of the wrong type or out of range for a query parameter of this schema (sent as text). */
export function hostileQueryValues(name: string, schema: SchemaObject, random: Random): HostileValue[] {
  const common: HostileValue[] = [
    { label: '100 KB', value: huge() },
    { label: 'empty', value: '' },
    { label: 'repeated', value: ['1', 'two'] },
    { label: 'NUL byte', value: 'a\u0000b' },
  ];
  if (name === 'cursor') return [...hostileCursors(random), ...common];
  switch (schema.type ?? 'string') {
    case 'integer':
    case 'number':
      return [
        { label: 'not a number', value: 'abc' },
        { label: 'negative', value: '-1' },
        { label: 'zero', value: '0' },
        { label: 'fraction', value: '1.5' },
        { label: 'overflow 1e309', value: '1e309' },
        { label: 'beyond int64', value: '99999999999999999999' },
        { label: 'NaN', value: 'NaN' },
        { label: 'hex', value: '0x10' },
        ...(schema.maximum !== undefined ? [{ label: 'maximum + 1', value: String(schema.maximum + 1) }] : []),
        { label: '100 KB of digits', value: huge('9') },
        ...common.slice(1),
      ];
    case 'boolean':
      return [{ label: 'not a boolean', value: 'maybe' }, { label: 'number', value: '2' }, ...common];
    default:
      return [
        ...(schema.enum ? [{ label: 'not in enum', value: 'not-a-member' }] : []),
        ...(schema.format === 'uuid' ? [{ label: 'not a UUID', value: 'not-a-uuid' }] : []),
        { label: 'quotes and brackets', value: `'"\\%_<>{}` },
        ...common,
      ];
  }
}

/** Path parameter values: not UUIDs, huge, encoded control characters and traversal. Sent as is. */
export function hostilePathValues(): HostileValue[] {
  return [
    { label: 'not a UUID', value: 'not-a-uuid' },
    { label: 'number', value: '12345' },
    { label: 'UUID with bad hex', value: 'zzzzzzzz-zzzz-7zzz-8zzz-zzzzzzzzzzzz' },
    { label: 'UUID plus suffix', value: '0190f0a0-0000-7000-8000-00000000f022x' },
    { label: 'encoded NUL', value: 'a%00b' },
    { label: 'encoded quotes', value: '%27%22%5C' },
    { label: 'encoded traversal', value: '..%2F..%2Fetc' },
    { label: 'unicode', value: encodeURIComponent('ä€😀') },
    { label: '100 KB', value: huge('b') },
  ];
}

/** Values of the wrong type, out of range or pathological for a body property of this schema. */
export function hostileBodyValues(schema: SchemaObject): HostileValue[] {
  const notThisType: HostileValue[] = [
    { label: 'null', value: null },
    { label: 'object', value: { a: 1 } },
    { label: 'array', value: [1] },
  ];
  switch (schema.type ?? 'object') {
    case 'string': {
      const formatted: HostileValue[] = [];
      if (schema.enum) formatted.push({ label: 'not in enum', value: 'not-a-member' });
      if (schema.format === 'uuid') formatted.push({ label: 'not a UUID', value: 'not-a-uuid' });
      if (schema.format === 'date-time' || schema.format === 'date') {
        formatted.push(
          { label: 'not a date', value: 'not-a-date' },
          { label: 'year 275760', value: '+275760-09-13T00:00:00.001Z' },
          { label: 'day 30 of February', value: '2031-02-30T00:00:00Z' },
          { label: 'year 0', value: '0000-01-01T00:00:00Z' },
        );
      }
      return [
        { label: 'number', value: 123 },
        { label: 'boolean', value: true },
        ...notThisType,
        ...formatted,
        { label: '100 KB', value: huge() },
        { label: 'NUL byte', value: 'fuzz\u0000sample' },
        { label: 'lone surrogate', value: 'fuzz\ud800sample' },
        { label: 'empty', value: '' },
      ];
    }
    case 'integer':
    case 'number':
      return [
        { label: 'numeric string', value: '1' },
        { label: 'boolean', value: true },
        ...notThisType,
        { label: 'negative', value: -1 },
        { label: 'fraction', value: 1.5 },
        { label: 'beyond int32', value: 2 ** 31 },
        { label: 'beyond safe integer', value: 2 ** 63 },
        { label: '1e308', value: 1e308 },
        { label: '-1e308', value: -1e308 },
      ];
    case 'boolean':
      return [{ label: 'string', value: 'true' }, { label: 'number', value: 1 }, ...notThisType];
    case 'array':
      return [
        { label: 'string', value: 'x' },
        { label: 'object', value: { a: 1 } },
        { label: 'null', value: null },
        { label: 'null item', value: [null] },
        { label: 'items of the wrong type', value: [123, 'x', {}] },
        { label: '10 000 items', value: Array.from({ length: 10_000 }, (_, i) => i) },
        { label: 'deeply nested array', value: DEEP_ARRAY_MARKER },
      ];
    default:
      return [
        { label: 'string', value: 'x' },
        { label: 'number', value: 1 },
        { label: 'array', value: [1] },
        { label: 'null', value: null },
        { label: 'deeply nested object', value: DEEP_OBJECT_MARKER },
      ];
  }
}
