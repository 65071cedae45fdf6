import type { ValidationError } from 'class-validator';
import { DomainError, PlatformErrorCode, type FieldError } from './domain-error';

/** Flattens nested class-validator errors into `{ field: 'a.b[0].c', message }` entries. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field =
      /^\d+$/.test(error.property) && prefix
        ? `${prefix}[${error.property}]`
        : prefix
          ? `${prefix}.${error.property}`
          : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationFailed(errors: ValidationError[]): DomainError {
  return new DomainError(
    PlatformErrorCode.VALIDATION_FAILED,
    400,
    'Request validation failed',
    flattenValidationErrors(errors),
  );
}
