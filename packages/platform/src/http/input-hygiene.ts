import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { DomainError, PlatformErrorCode, type FieldError } from '../errors/domain-error';

/** Deeper than any DTO of the platform nests; recursive code (class-transformer, Nest's proto stripping) stays safe. */
export const MAX_INPUT_DEPTH = 32;

// An unpaired UTF-16 surrogate: JSON and JavaScript carry it, UTF-8 (PostgreSQL, Kafka, logs) cannot.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (unpaired surrogate)';
  return undefined;
}

const child = (field: string, key: string | number): string =>
  typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${key}` : key;

/**
 * The first problem of untrusted input no DTO can express: nesting deeper than `MAX_INPUT_DEPTH`, or text
 * (values and keys) PostgreSQL refuses to store. Walks iteratively, so a 10 000-deep body cannot overflow it.
 * `field` names the value the way validation errors do (`''` for a whole body or query object).
 */
export function inputHygieneProblem(value: unknown, field = ''): FieldError | undefined {
  const stack: { value: unknown; field: string; depth: number }[] = [{ value, field, depth: 0 }];
  while (stack.length) {
    const node = stack.pop()!;
    const name = node.field || 'input';
    if (typeof node.value === 'string') {
      const problem = textProblem(node.value);
      if (problem) return { field: name, message: `${name} ${problem}` };
      continue;
    }
    // Binary bodies (buffers) are bytes, not text or structure.
    if (!node.value || typeof node.value !== 'object' || ArrayBuffer.isView(node.value)) continue;
    if (node.depth >= MAX_INPUT_DEPTH) {
      return { field: name, message: `${name} is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    }
    if (Array.isArray(node.value)) {
      node.value.forEach((item, index) =>
        stack.push({ value: item, field: child(node.field, index), depth: node.depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(node.value as Record<string, unknown>)) {
      const problem = textProblem(key);
      if (problem) return { field: name, message: `a key of ${name} ${problem}` };
      stack.push({ value: item, field: child(node.field, key), depth: node.depth + 1 });
    }
  }
  return undefined;
}

// Where @nestjs/swagger keeps each DTO property's documented schema (`@ApiProperty({ nullable })`).
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

function documented(instance: object, key: string): { nullable?: boolean } | undefined {
  return Reflect.getMetadata(SWAGGER_PROPERTY, Object.getPrototypeOf(instance) as object, key) as
    { nullable?: boolean } | undefined;
}

/**
 * The first `null` in a validated DTO where its documented schema does not say `nullable`. class-validator's
 * `@IsOptional()` lets null through as if absent, and a NOT NULL column then fails in the database; the
 * published contract (openapi.json) is the rule: null only where a property is documented nullable.
 */
export function undocumentedNull(value: unknown, field = ''): FieldError | undefined {
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) === Object.prototype) return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = undocumentedNull(item, child(field, index));
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const name = child(field, key);
    if (item === null) {
      const schema = documented(value, key);
      if (schema && !schema.nullable) return { field: name, message: `${name} must not be null` };
    } else {
      const problem = undocumentedNull(item, name);
      if (problem) return problem;
    }
  }
  return undefined;
}

const CHECKED = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * The platform's global pipe: refuses unsafe input (see `inputHygieneProblem`) with 400 VALIDATION_FAILED
 * before Nest's ValidationPipe (class-transformer, class-validator) recurses into it, validates the DTO,
 * then refuses a null the DTO's documented schema does not allow (see `undocumentedNull`).
 */
export class PlatformValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CHECKED.has(metadata.type)) {
      const problem = inputHygieneProblem(value, metadata.data ?? '');
      if (problem) {
        throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Request validation failed', [problem]);
      }
    }
    const dto: unknown = await super.transform(value, metadata);
    const nullProblem = metadata.type === 'body' ? undocumentedNull(dto, metadata.data ?? '') : undefined;
    if (nullProblem) {
      throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Request validation failed', [nullProblem]);
    }
    return dto;
  }
}
