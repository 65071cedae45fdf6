import { Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Authenticated, findRoutesWithoutAccessPolicy, IdentityModule, Public, Roles } from '../src/identity';
import { sampleAppModule } from './support/http-sample-app';

@Controller('api/v1/mixed')
class MixedController {
  @Public()
  @Get('open')
  open(): void {}

  @Roles('admin')
  @Post('admin')
  admin(): void {}

  @Authenticated()
  @Get('mine')
  mine(): void {}

  @Get(':id')
  forgotten(): void {}
}

@Roles('moderator')
@Controller('api/v1/moderation')
class ModerationController {
  @Get()
  list(): void {}
}

@Module({
  imports: [IdentityModule.forRoot({ issuer: 'http://127.0.0.1:1/realms/prodvor', audience: 'prodvor-api' })],
  controllers: [MixedController, ModerationController],
})
class AuditedModule {}

describe('findRoutesWithoutAccessPolicy', () => {
  it('reports exactly the routes with no @Public/@Roles/@Authenticated on the handler or controller', async () => {
    const app = await NestFactory.create(AuditedModule, new FastifyAdapter(), { logger: false });
    try {
      expect(findRoutesWithoutAccessPolicy(app)).toEqual([
        { controller: 'MixedController', handler: 'forgotten', method: 'GET', path: '/api/v1/mixed/:id' },
      ]);
    } finally {
      await app.close();
    }
  });

  it('finds nothing missing in an app whose routes are all marked, platform routes included', async () => {
    const app = await NestFactory.create(
      sampleAppModule({ destination: { write: () => undefined } }).module as never,
      new FastifyAdapter(),
      {
        logger: false,
      },
    );
    try {
      expect(findRoutesWithoutAccessPolicy(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
