import { Global, Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import { IdentityGuard } from './identity.guard';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { TokenVerifier } from './token-verifier';

/**
 * Installs `IdentityGuard` globally and exports `TokenVerifier`.
 * `IdentityModule.forRoot({ issuer, audience })` or `forRootAsync({ inject: [AppConfig], useFactory })`.
 */
@Global()
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return IdentityModule.build({ provide: IDENTITY_OPTIONS, useValue: options });
  }

  static forRootAsync(options: Omit<FactoryProvider<IdentityOptions>, 'provide'>): DynamicModule {
    return IdentityModule.build({ provide: IDENTITY_OPTIONS, ...options });
  }

  /** Options from the validated `OIDC_ISSUER`, `OIDC_AUDIENCE`, `OIDC_JWKS_URL`,
   * `OIDC_ALLOWED_CLIENTS`, `OIDC_JWKS_CACHE_MAX_AGE_MS` (needs `PlatformConfigModule`). */
  static fromConfig(): DynamicModule {
    return IdentityModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig<BaseConfig>): IdentityOptions => ({
        issuer: config.get('OIDC_ISSUER'),
        audience: config.get('OIDC_AUDIENCE'),
        jwksUrl: config.get('OIDC_JWKS_URL'),
        allowedClients: config.get('OIDC_ALLOWED_CLIENTS'),
        jwksCacheMaxAgeMs: config.get('OIDC_JWKS_CACHE_MAX_AGE_MS'),
      }),
    });
  }

  private static build(
    optionsProvider: DynamicModule['providers'] extends (infer P)[] | undefined ? P : never,
  ): DynamicModule {
    return {
      module: IdentityModule,
      providers: [optionsProvider, TokenVerifier, IdentityGuard, { provide: APP_GUARD, useExisting: IdentityGuard }],
      exports: [TokenVerifier, IDENTITY_OPTIONS],
    };
  }
}
