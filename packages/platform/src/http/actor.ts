import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { validate as isUuid } from 'uuid';
import { DomainError, PlatformErrorCode } from '../errors/domain-error';
import type { RequestWithUser } from '../identity/access-policy.decorators';
import type { AuthenticatedUser } from '../identity/authenticated-user';

/** Who performs a change (over HTTP or a socket), the realm roles they hold, and the correlation id its events carry. */
export interface Actor {
  userId: string;
  roles: readonly string[];
  correlationId: string;
}

/** An `Actor` with the account claims of its token, for the service that keeps accounts and profiles. */
export interface AccountActor extends Actor {
  username: string;
  email?: string;
  /** The token's `email_verified` claim: Keycloak says `email` is the account's proved address. */
  emailVerified: boolean;
}

/** Realm roles that moderate content (never private content such as direct rooms or share links). */
export const MODERATOR_ROLES: readonly string[] = ['moderator', 'admin'];

export function isModerator(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => MODERATOR_ROLES.includes(role));
}

/** The caller as an `Actor`; realm subjects are UUIDs, anything else cannot own data (403). */
export function actorOf(user: AuthenticatedUser, correlationId: string): Actor {
  if (!isUuid(user.id)) throw new DomainError(PlatformErrorCode.FORBIDDEN, 403, 'Subject is not a realm user id');
  return { userId: user.id, roles: user.roles, correlationId };
}

function authenticatedUser(request: RequestWithUser): AuthenticatedUser {
  if (!request.user) throw new DomainError(PlatformErrorCode.UNAUTHENTICATED, 401, 'Authentication required');
  return request.user;
}

/** The authenticated caller as an `Actor` (401 without identity, 403 for a subject that is not a realm user). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  return actorOf(authenticatedUser(request), request.id);
});

/** The authenticated caller as an `AccountActor`, with username and e-mail claims. */
export const CurrentAccountActor = createParamDecorator((_data: unknown, context: ExecutionContext): AccountActor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  const user = authenticatedUser(request);
  return {
    ...actorOf(user, request.id),
    username: user.username,
    email: user.email,
    emailVerified: user.claims?.email_verified === true,
  };
});

/** The caller of a public route, when one identified itself (else undefined). */
export const OptionalActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
  const user = request.user;
  if (!user || !isUuid(user.id)) return undefined;
  return { userId: user.id, roles: user.roles, correlationId: request.id };
});

/** The correlation id of the request, for public routes that have no actor. */
export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().id,
);

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
