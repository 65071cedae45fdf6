import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, PlatformErrorCode } from '@prodvor/platform';

/** Codes are 10 url-safe characters; anything else is 400 before it reaches the database. */
@Injectable()
export class InviteCodeParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (/^[A-Za-z0-9_-]{10}$/.test(value)) return value;
    throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Invite code is not valid', [
      { field: 'code', message: 'must be 10 characters of A-Z a-z 0-9 _ -' },
    ]);
  }
}
