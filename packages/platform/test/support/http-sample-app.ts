import { Body, Controller, Get, Module, Param, Post, Query, type DynamicModule } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MinLength, ValidateNested } from 'class-validator';
import type { DestinationStream } from 'pino';
import { z } from 'zod';
import { DomainError } from '../../src/errors';
import { HealthModule, HealthRegistry } from '../../src/health';
import { CursorPaginationQueryDto, cursorAfter, RateLimit, RateLimitModule, toPage, type Page } from '../../src/http';
import { Authenticated, IdentityModule, Public } from '../../src/identity';
import { LoggingModule } from '../../src/logging';
import { MetricsModule } from '../../src/metrics';

class AddressDto {
  @ApiProperty()
  @IsString()
  @MinLength(2)
  city!: string;
}

export class CreateThingDto {
  @ApiProperty()
  @IsString()
  @MinLength(3)
  name!: string;

  @ApiProperty()
  @IsInt()
  @Max(10)
  size!: number;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

@Public()
@Controller('api/v1/things')
export class ThingsController {
  @Get()
  list(@Query() query: CursorPaginationQueryDto): Page<{ n: number }> & { limit: number } {
    const after = cursorAfter(query.cursor, z.object({ n: z.number().int().min(0) }))?.n ?? 0;
    const rows = Array.from({ length: query.limit + 1 }, (_, i) => ({ n: after + i + 1 }));
    return { ...toPage(rows, query.limit, (row) => ({ n: row.n })), limit: query.limit };
  }

  @Get(':id')
  one(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new DomainError('THING_NOT_FOUND', 404, 'Thing not found');
    if (id === 'boom') throw new Error('connection to db-primary.internal:5432 refused (password=hunter2)');
    return { id };
  }

  @Post()
  create(@Body() body: CreateThingDto): CreateThingDto {
    return body;
  }

  @Post('limited')
  @RateLimit({ limit: 2, ttlSeconds: 60 })
  limited(): { ok: true } {
    return { ok: true };
  }
}

@Authenticated()
@Controller('api/v1/private')
export class PrivateController {
  @Get()
  secret(): { ok: true } {
    return { ok: true };
  }
}

export interface SampleAppOptions {
  destination?: DestinationStream;
  checks?: Record<string, () => Promise<void>>;
}

/** A small service assembled the way real services are, for the platform's HTTP tests. */
export function sampleAppModule(options: SampleAppOptions = {}): DynamicModule {
  @Module({})
  class ChecksModule {
    constructor(registry: HealthRegistry) {
      for (const [name, check] of Object.entries(options.checks ?? {})) registry.register(name, check);
    }
  }

  @Module({
    imports: [
      LoggingModule.forRoot({ serviceName: 'sample', level: 'debug', destination: options.destination }),
      IdentityModule.forRoot({ issuer: 'http://127.0.0.1:1/realms/prodvor', audience: 'prodvor-api' }),
      MetricsModule,
      HealthModule,
      RateLimitModule.forRoot(),
      ChecksModule,
    ],
    controllers: [ThingsController, PrivateController],
  })
  class SampleAppModule {}
  return { module: SampleAppModule };
}
