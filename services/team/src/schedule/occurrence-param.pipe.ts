import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, PlatformErrorCode } from '@prodvor/platform';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** An occurrence is named by its original start, an ISO 8601 UTC timestamp; anything else is 400. */
@Injectable()
export class OccurrenceParamPipe implements PipeTransform<string, Date> {
  transform(value: string): Date {
    const at = ISO_UTC.test(value) ? new Date(value) : null;
    if (at && !Number.isNaN(at.getTime())) return at;
    throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Occurrence is not valid', [
      { field: 'occurrence', message: 'must be the original start as an ISO 8601 UTC timestamp' },
    ]);
  }
}
