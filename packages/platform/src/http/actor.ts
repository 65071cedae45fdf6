import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { validate as isUuid } from 'uuid';
import { DomainError, PlatformErrorCode } from '../errors/domain-error';
import type { RequestWithUser } from '../identity/access-policy.decorators';

/** Who performs a change, and the correlation id its events carry. */
export interface Actor {
  userId: string;
  roles: readonly string[];
  correlationId: string;
}

/** The authenticated caller as an `Actor`; realm subjects are UUIDs, anything else cannot own data. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  const user = request.user;
  if (!user) throw new DomainError(PlatformErrorCode.UNAUTHENTICATED, 401, 'Authentication required');
  if (!isUuid(user.id)) throw new DomainError(PlatformErrorCode.FORBIDDEN, 403, 'Subject is not a realm user id');
  return { userId: user.id, roles: user.roles, correlationId: request.id };
});

/** The caller of a public route, when one identified itself (else undefined). */
export const OptionalActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  const user = request.user;
  if (!user || !isUuid(user.id)) return undefined;
  return { userId: user.id, roles: user.roles, correlationId: request.id };
});

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The optional `Idempotency-Key` header: 8–128 token characters (a UUID fits); anything else is 400. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && IDEMPOTENCY_KEY.test(value)) return value;
  throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Idempotency-Key is not valid', [
    { field: 'Idempotency-Key', message: 'must be 8-128 characters of A-Z a-z 0-9 . _ : -' },
  ]);
});
