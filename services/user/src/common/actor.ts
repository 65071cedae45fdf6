import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, PlatformErrorCode, type RequestWithUser } from '@prodvor/platform';
import type { FastifyRequest } from 'fastify';
import { validate as isUuid } from 'uuid';

/** The authenticated caller as user-service needs it, with the correlation id its events carry. */
export interface Actor {
  userId: string;
  username: string;
  email?: string;
  /** The token's `email_verified` claim: Keycloak says `email` is the account's proved address. */
  emailVerified: boolean;
  roles: string[];
  correlationId: string;
}

/** Realm subjects are UUIDs; a caller without one cannot own a profile. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  const user = request.user;
  if (!user) throw new DomainError(PlatformErrorCode.UNAUTHENTICATED, 401, 'Authentication required');
  if (!isUuid(user.id)) throw new DomainError(PlatformErrorCode.FORBIDDEN, 403, 'Subject is not a realm user id');
  return {
    userId: user.id,
    username: user.username,
    email: user.email,
    emailVerified: user.claims?.email_verified === true,
    roles: user.roles,
    correlationId: request.id,
  };
});

/** The correlation id of the request, for public routes that have no actor. */
export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().id,
);
