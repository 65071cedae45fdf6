import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, PlatformErrorCode } from '../errors/domain-error';
import { IS_PUBLIC, REQUIRED_ROLES, type RequestWithUser } from './access-policy.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { TokenVerifier, unauthenticated } from './token-verifier';

function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) throw unauthenticated('Authorization header repeated');
  return value;
}

/**
 * Establishes the caller for every HTTP route (registered globally by `IdentityModule`) from the
 * `Authorization: Bearer` access token alone, verified by `TokenVerifier`; then applies `@Public()` /
 * `@Roles()`. The gateway's claims headers (`X-Userinfo`, `X-Authenticated-Userid`) are ignored: a
 * request that reaches a service without the gateway (another compromised service, a misrouted
 * network) can write them, but cannot sign a token (AUTH_IMPLEMENTATION.md, "Trust boundary").
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Identity is optional here; a public route never fails because of a stale or odd token.
      request.user = await this.identify(request).catch(() => undefined);
      return true;
    }
    const user = await this.identify(request);
    if (!user) throw unauthenticated('Authentication required');
    request.user = user;

    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((role) => user.roles.includes(role))) {
      throw new DomainError(PlatformErrorCode.FORBIDDEN, 403, `Requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async identify(request: FastifyRequest): Promise<AuthenticatedUser | undefined> {
    const authorization = single(request.headers.authorization);
    if (authorization === undefined) return undefined;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('Authorization header is not a bearer token');
    return this.verifier.verify(match[1]);
  }
}
