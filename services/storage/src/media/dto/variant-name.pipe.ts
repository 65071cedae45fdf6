import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, PlatformErrorCode } from '@prodvor/platform';

/** Variant names are short lowercase slugs (`avatar-200`); anything else is 400 before the database. */
@Injectable()
export class VariantNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (/^[a-z0-9-]{1,32}$/.test(value)) return value;
    throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Variant name is not valid', [
      { field: 'variant', message: 'must be 1-32 characters of a-z 0-9 -' },
    ]);
  }
}
