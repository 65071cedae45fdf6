import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC = 'prodvor:identity:public';
export const REQUIRED_ROLES = 'prodvor:identity:roles';
export const IS_AUTHENTICATED = 'prodvor:identity:authenticated';

/** Anyone may call: no identity is required (identity is still read when present). */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);

/** Caller must be authenticated and hold at least one of the realm roles. */
export const Roles = (...roles: string[]): ClassDecorator & MethodDecorator => SetMetadata(REQUIRED_ROLES, roles);

/**
 * Caller must be authenticated (any role). This is what the guard enforces for unmarked routes too;
 * the marker makes the choice explicit so the route audit (`findRoutesWithoutAccessPolicy`) passes.
 */
export const Authenticated = (): ClassDecorator & MethodDecorator => SetMetadata(IS_AUTHENTICATED, true);

export interface RequestWithUser {
  user?: AuthenticatedUser;
}

/** The caller (`AuthenticatedUser`); undefined only on `@Public()` routes called anonymously. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<RequestWithUser>().user,
);
