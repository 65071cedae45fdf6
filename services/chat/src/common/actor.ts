import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, PlatformErrorCode, type AuthenticatedUser, type RequestWithUser } from '@prodvor/platform';
import type { FastifyRequest } from 'fastify';
import { validate as isUuid } from 'uuid';

/** Who acts (over HTTP or a socket), with the realm roles that grant moderation. */
export interface Actor {
  userId: string;
  roles: readonly string[];
  correlationId: string;
}

/** Realm roles that may moderate team, tournament and match rooms (never direct or group ones). */
export const MODERATOR_ROLES = ['moderator', 'admin'];

export function actorOf(user: AuthenticatedUser, correlationId: string): Actor {
  if (!isUuid(user.id)) throw new DomainError(PlatformErrorCode.FORBIDDEN, 403, 'Subject is not a realm user id');
  return { userId: user.id, roles: user.roles, correlationId };
}

/** The authenticated caller as an `Actor`; realm subjects are UUIDs, anything else cannot chat. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  if (!request.user) throw new DomainError(PlatformErrorCode.UNAUTHENTICATED, 401, 'Authentication required');
  return actorOf(request.user, request.id);
});
