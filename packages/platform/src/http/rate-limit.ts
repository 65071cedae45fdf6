import { applyDecorators, Global, Injectable, Module, UseGuards, type DynamicModule } from '@nestjs/common';
import { Throttle, ThrottlerGuard, ThrottlerModule, ThrottlerStorage, type ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import { IS_PUBLIC, type RequestWithUser } from '../identity/access-policy.decorators';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const byClientAddress = (req: Record<string, unknown>): Promise<string> =>
  Promise.resolve(`ip:${(req as unknown as FastifyRequest).ip}`);

/**
 * Keys limits by the authenticated user on authenticated routes, and by client address (trust proxy is on)
 * on public ones — even when the caller sends a token there: otherwise every new account would bring a
 * fresh bucket for what the limit bounds (sign-ups, share downloads).
 */
@Injectable()
export class PlatformThrottlerGuard extends ThrottlerGuard {
  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      props.context.getHandler(),
      props.context.getClass(),
    ]);
    return super.handleRequest(isPublic ? { ...props, getTracker: byClientAddress } : props);
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest & RequestWithUser;
    return request.user ? Promise.resolve(`user:${request.user.id}`) : byClientAddress(req);
  }
}

/**
 * Limits one route: `@RateLimit({ limit: 5, ttlSeconds: 60 })`. It runs after the global identity guard,
 * so the caller is known; over the limit answers 429 RATE_LIMITED with `Retry-After` (seconds).
 */
export function RateLimit(options: { limit: number; ttlSeconds: number }): MethodDecorator & ClassDecorator {
  return applyDecorators(
    Throttle({ default: { limit: options.limit, ttl: options.ttlSeconds * 1000 } }),
    UseGuards(PlatformThrottlerGuard),
  );
}

export interface RateLimitModuleOptions {
  /** Shared counters across instances; in-memory when absent. */
  redisUrl?: string;
  keyPrefix?: string;
}

@Global()
@Module({})
export class RateLimitModule {
  static forRoot(options: RateLimitModuleOptions = {}): DynamicModule {
    const storage = options.redisUrl
      ? new RedisThrottlerStorage(options.redisUrl, `${options.keyPrefix ?? ''}throttle:`)
      : undefined;
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: 60 }],
          ...(storage ? { storage } : {}),
        }),
      ],
      providers: [PlatformThrottlerGuard, ...(storage ? [{ provide: RedisThrottlerStorage, useValue: storage }] : [])],
      exports: [ThrottlerModule, PlatformThrottlerGuard],
    };
  }

  /** Redis-backed when `REDIS_URL` is set (keys under `REDIS_KEY_PREFIX`), in memory otherwise. */
  static fromConfig(): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig<BaseConfig>) => {
            const redisUrl = config.get('REDIS_URL');
            return {
              throttlers: [{ name: 'default', ttl: 60_000, limit: 60 }],
              ...(redisUrl
                ? { storage: new RedisThrottlerStorage(redisUrl, `${config.get('REDIS_KEY_PREFIX')}throttle:`) }
                : {}),
            };
          },
        }),
      ],
      providers: [PlatformThrottlerGuard],
      exports: [ThrottlerModule, PlatformThrottlerGuard],
    };
  }
}

export { ThrottlerStorage };
