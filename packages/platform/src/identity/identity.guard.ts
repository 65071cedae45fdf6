import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, PlatformErrorCode } from '../errors/domain-error';
import { IS_PUBLIC, REQUIRED_ROLES, type RequestWithUser } from './access-policy.decorators';
import { userFromClaims, type AuthenticatedUser } from './authenticated-user';
import { TokenVerifier, unauthenticated } from './token-verifier';

const USERID_HEADER = 'x-authenticated-userid';
const USERINFO_HEADER = 'x-userinfo';

function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) throw unauthenticated('Identity header repeated');
  return value;
}

function decodeUserinfo(raw: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw.trim())) throw unauthenticated('X-Userinfo is not base64');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw.trim(), 'base64').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the rejection below
  }
  throw unauthenticated('X-Userinfo is not base64-encoded JSON claims');
}

/**
 * Establishes the caller for every HTTP route (registered globally by `IdentityModule`): gateway headers
 * first, otherwise a bearer token verified by `TokenVerifier`; then applies `@Public()` / `@Roles()`.
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
    const userId = single(request.headers[USERID_HEADER]);
    const userinfo = single(request.headers[USERINFO_HEADER]);
    if (userId !== undefined || userinfo !== undefined) {
      if (!userId || !userinfo) throw unauthenticated('Both X-Authenticated-Userid and X-Userinfo are required');
      const user = userFromClaims(decodeUserinfo(userinfo));
      if (!user) throw unauthenticated('X-Userinfo has no subject');
      if (user.id !== userId.trim()) throw unauthenticated('X-Authenticated-Userid does not match X-Userinfo subject');
      return user;
    }
    const authorization = single(request.headers.authorization);
    if (authorization === undefined) return undefined;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('Authorization header is not a bearer token');
    return this.verifier.verify(match[1]);
  }
}
