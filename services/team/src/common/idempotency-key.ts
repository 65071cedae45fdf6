import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, PlatformErrorCode } from '@prodvor/platform';
import type { FastifyRequest } from 'fastify';

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The optional `Idempotency-Key` header: 8–128 token characters (a UUID fits); anything else is 400. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && KEY.test(value)) return value;
  throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Idempotency-Key is not valid', [
    { field: 'Idempotency-Key', message: 'must be 8-128 characters of A-Z a-z 0-9 . _ : -' },
  ]);
});
