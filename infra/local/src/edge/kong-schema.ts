// Checks a Kong declarative document against the checked-in allow-list of Kong 3.9 OSS schemas
// (gateway/kong-3.9-schemas.json): entity fields, plugin names and each plugin's config fields with
// their types, enums and ranges. Debian's decK 1.4 accepts unknown plugins and fields; Kong 3.9 refuses
// to start with them. This is what the contract test uses instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type FieldSpec =
  | string
  | {
      type: string;
      one_of?: (string | number)[];
      elements?: FieldSpec;
      fields?: Record<string, FieldSpec>;
      values?: FieldSpec;
      required?: boolean;
      between?: [number, number];
      gt?: number;
      pattern?: string;
    };

interface EntitySchema {
  /** Nested collections (`routes` under a service) and the entity kind they hold. */
  nested: Record<string, string>;
  fields: Record<string, FieldSpec>;
}

interface PluginSchema {
  noConsumer?: boolean;
  atLeastOneOf?: string[];
  config: Record<string, FieldSpec>;
}

export interface KongSchemas {
  kongVersion: string;
  topLevel: string[];
  entities: Record<string, EntitySchema>;
  plugins: Record<string, PluginSchema>;
}

export const KONG_SCHEMAS_FILE = join(__dirname, '../../../../gateway/kong-3.9-schemas.json');

export function loadKongSchemas(file = KONG_SCHEMAS_FILE): KongSchemas {
  return JSON.parse(readFileSync(file, 'utf8')) as KongSchemas;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const spec = (field: FieldSpec): Exclude<FieldSpec, string> => (typeof field === 'string' ? { type: field } : field);

/** One value against its field spec; problems are pushed as `<path>: <what>`. */
function checkValue(value: unknown, field: FieldSpec, path: string, errors: string[]): void {
  const s = spec(field);
  if (value === null || value === undefined) return; // Kong treats null as "not set"
  const fail = (what: string): void => void errors.push(`${path}: ${what}`);
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return fail(`expected a string, got ${JSON.stringify(value)}`);
      if (s.pattern && !new RegExp(s.pattern).test(value)) fail(`${JSON.stringify(value)} does not match ${s.pattern}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return fail(`expected a boolean, got ${JSON.stringify(value)}`);
      break;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail(`expected a number, got ${JSON.stringify(value)}`);
      if (s.type === 'integer' && !Number.isInteger(value)) return fail(`expected an integer, got ${value}`);
      if (s.between && (value < s.between[0] || value > s.between[1]))
        fail(`${value} is not between ${s.between[0]} and ${s.between[1]}`);
      if (s.gt !== undefined && !(value > s.gt)) fail(`${value} must be greater than ${s.gt}`);
      break;
    case 'array':
    case 'set':
      if (!Array.isArray(value)) return fail(`expected an array, got ${JSON.stringify(value)}`);
      if (s.elements) value.forEach((item, i) => checkValue(item, s.elements!, `${path}[${i}]`, errors));
      return;
    case 'record':
      if (!isObject(value)) return fail(`expected a record, got ${JSON.stringify(value)}`);
      if (s.fields) checkRecord(value, s.fields, path, errors);
      return;
    case 'map':
      if (!isObject(value)) return fail(`expected a map, got ${JSON.stringify(value)}`);
      if (s.values) for (const [k, v] of Object.entries(value)) checkValue(v, s.values, `${path}.${k}`, errors);
      return;
    case 'foreign':
      if (typeof value !== 'string' && !(isObject(value) && (value.id ?? value.name)))
        fail('expected a reference (name or id)');
      return;
    default:
      return fail(`the allow-list has an unknown type ${s.type}`);
  }
  if (s.one_of && !s.one_of.includes(value as string | number))
    fail(`${JSON.stringify(value)} is not one of ${s.one_of.join(', ')}`);
}

function checkRecord(
  value: Record<string, unknown>,
  fields: Record<string, FieldSpec>,
  path: string,
  errors: string[],
  ignore: string[] = [],
): void {
  for (const [name, item] of Object.entries(value)) {
    if (ignore.includes(name)) continue;
    const field = fields[name];
    if (!field) errors.push(`${path}.${name}: unknown field`);
    else checkValue(item, field, `${path}.${name}`, errors);
  }
  for (const [name, field] of Object.entries(fields)) {
    if (spec(field).required && (value[name] === undefined || value[name] === null))
      errors.push(`${path}.${name}: required field missing`);
  }
}

const label = (entity: Record<string, unknown>, index: number): string => {
  const name = [entity.name, entity.username, entity.key, entity.target].find((v) => typeof v === 'string');
  return typeof name === 'string' ? name : String(index);
};

function checkPlugin(
  plugin: Record<string, unknown>,
  path: string,
  underConsumer: boolean,
  schemas: KongSchemas,
  errors: string[],
): void {
  const name = String(plugin.name);
  const schema = schemas.plugins[name];
  if (!schema) {
    errors.push(`${path}: plugin "${name}" is not in the Kong ${schemas.kongVersion} OSS allow-list`);
    return;
  }
  if (schema.noConsumer && (underConsumer || plugin.consumer))
    errors.push(`${path}: ${name} cannot apply to a consumer`);
  const config = plugin.config ?? {};
  if (!isObject(config)) return;
  checkRecord(config, schema.config, `${path}.config`, errors);
  if (schema.atLeastOneOf && !schema.atLeastOneOf.some((f) => config[f] !== undefined && config[f] !== null))
    errors.push(`${path}.config: needs at least one of ${schema.atLeastOneOf.join(', ')}`);
}

function checkEntity(
  kind: string,
  entity: unknown,
  path: string,
  schemas: KongSchemas,
  errors: string[],
  parent?: string,
): void {
  const schema = schemas.entities[kind];
  if (!isObject(entity)) {
    errors.push(`${path}: expected an entity record`);
    return;
  }
  checkRecord(entity, schema.fields, path, errors, Object.keys(schema.nested));
  if (kind === 'services' && !entity.url && !entity.host) errors.push(`${path}: needs url or host`);
  if (kind === 'consumers' && !entity.username && !entity.custom_id)
    errors.push(`${path}: needs username or custom_id`);
  if (kind === 'plugins') checkPlugin(entity, path, parent === 'consumers', schemas, errors);
  for (const [field, nestedKind] of Object.entries(schema.nested)) {
    const items = entity[field];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      errors.push(`${path}.${field}: expected an array`);
      continue;
    }
    items.forEach((item, i) =>
      checkEntity(
        nestedKind,
        item,
        `${path}.${field}[${label(item as Record<string, unknown>, i)}]`,
        schemas,
        errors,
        kind,
      ),
    );
  }
}

/** Every problem of the document against the allow-list, as `<where>: <what>` lines. */
export function checkKongSchemas(doc: unknown, schemas: KongSchemas = loadKongSchemas()): string[] {
  const errors: string[] = [];
  if (!isObject(doc)) return ['the document is not a mapping'];
  for (const [key, value] of Object.entries(doc)) {
    if (!schemas.topLevel.includes(key)) {
      errors.push(`${key}: unknown top-level key`);
      continue;
    }
    if (key.startsWith('_')) continue;
    if (!Array.isArray(value)) {
      errors.push(`${key}: expected an array`);
      continue;
    }
    value.forEach((entity, i) =>
      checkEntity(key, entity, `${key}[${label(entity as Record<string, unknown>, i)}]`, schemas, errors),
    );
  }
  return errors;
}
