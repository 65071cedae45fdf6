import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, PlatformErrorCode, type RequestWithUser } from '@prodvor/platform';
import type { FastifyRequest } from 'fastify';
import { validate as isUuid } from 'uuid';

/** Who performs a request, whether they moderate content, and the correlation id. */
export interface Actor {
  userId: string;
  /** Moderators and admins may read and delete any media (abuse handling). */
  moderator: boolean;
  correlationId: string;
}

/** The authenticated caller as an `Actor`; realm subjects are UUIDs, anything else cannot own media. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  const user = request.user;
  if (!user) throw new DomainError(PlatformErrorCode.UNAUTHENTICATED, 401, 'Authentication required');
  if (!isUuid(user.id)) throw new DomainError(PlatformErrorCode.FORBIDDEN, 403, 'Subject is not a realm user id');
  const moderator = user.roles.includes('moderator') || user.roles.includes('admin');
  return { userId: user.id, moderator, correlationId: request.id };
});
