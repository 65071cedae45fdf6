import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestIdentityProvider, type TestIdentityProvider } from '@prodvor/testing';
import { AppConfig, baseConfigSchema, type BaseConfig } from '../src/config';
import { createServiceApp, ServiceCoreModule } from '../src/http';
import { Authenticated, CurrentUser, findRoutesWithoutAccessPolicy, type AuthenticatedUser } from '../src/identity';

@Authenticated()
@Controller('api/v1/whoami')
class WhoAmIController {
  @Get()
  whoami(@CurrentUser() user: AuthenticatedUser): { id: string } {
    return { id: user.id };
  }
}

describe('ServiceCoreModule', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    @Module({
      imports: [
        ServiceCoreModule.forRoot({
          schema: baseConfigSchema,
          env: { SERVICE_NAME: 'core', LOG_LEVEL: 'silent', OIDC_ISSUER: idp.issuer, OIDC_JWKS_URL: idp.jwksUrl },
        }),
      ],
      controllers: [WhoAmIController],
    })
    class CoreAppModule {}
    app = await createServiceApp(CoreAppModule, { serviceName: 'core' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  it('wires config, identity, metrics and health from the environment', async () => {
    expect(app.get<AppConfig<BaseConfig>>(AppConfig).get('SERVICE_NAME')).toBe('core');
    const token = await idp.mintToken({ sub: 'core-user' });
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/whoami',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.json()).toEqual({ id: 'core-user' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/whoami' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).json()).toEqual({ status: 'ok', checks: {} });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).body).toContain('http_request_duration_seconds');
    expect(findRoutesWithoutAccessPolicy(app)).toEqual([]);
  });
});
