import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, PlatformErrorCode, type RequestWithUser } from '@prodvor/platform';
import type { FastifyRequest } from 'fastify';
import { validate as isUuid } from 'uuid';

/** Who performs a change, and the correlation id its events carry. */
export interface Actor {
  userId: string;
  correlationId: string;
}

/** The authenticated caller as an `Actor`; realm subjects are UUIDs, anything else cannot own team data. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  const userId = request.user?.id;
  if (!userId) throw new DomainError(PlatformErrorCode.UNAUTHENTICATED, 401, 'Authentication required');
  if (!isUuid(userId)) throw new DomainError(PlatformErrorCode.FORBIDDEN, 403, 'Subject is not a realm user id');
  return { userId, correlationId: request.id };
});
