import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import {
  AppConfig,
  baseConfigSchema,
  ConfigValidationError,
  loadConfig,
  PlatformConfigModule,
  secret,
} from '../src/config';

const schema = baseConfigSchema.extend({
  GOOGLE_AI_API_KEY: secret(z.string().min(10)),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(10_000_000),
});
type ServiceConfig = z.infer<typeof schema>;

const validEnv = {
  SERVICE_NAME: 'ai',
  PORT: '3006',
  DATABASE_URL: 'postgresql://postgres:db-pass-123@127.0.0.1:5432/ai',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  GOOGLE_AI_API_KEY: 'AIza-secret-value',
};

describe('configuration', () => {
  it('parses, coerces and applies defaults', () => {
    const config = loadConfig(schema, validEnv);
    expect(config).toMatchObject({
      PORT: 3006,
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      OIDC_AUDIENCE: 'prodvor-api',
      HTTP_BODY_LIMIT_BYTES: 1_048_576,
      MAX_UPLOAD_BYTES: 10_000_000,
      LOG_LEVEL: 'info',
    });
  });

  it('names each missing or bad variable', () => {
    const attempt = () =>
      loadConfig(schema, { ...validEnv, SERVICE_NAME: undefined, PORT: 'eighty', GOOGLE_AI_API_KEY: '' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/SERVICE_NAME/);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/GOOGLE_AI_API_KEY/);
    expect(() => loadConfig(schema, { ...validEnv, KAFKA_BROKERS: ' , ' })).toThrow(/KAFKA_BROKERS/);
  });

  it('stops a Nest application from starting with the variable named', () => {
    expect(() => PlatformConfigModule.forRoot({ schema, env: { ...validEnv, DATABASE_URL: 'not a url' } })).toThrow(
      /DATABASE_URL/,
    );
  });

  it('serves a typed accessor and redacts secrets whenever config is shown', async () => {
    @Injectable()
    class Consumer {
      constructor(readonly config: AppConfig<ServiceConfig>) {}
    }
    @Module({ imports: [PlatformConfigModule.forRoot({ schema, env: validEnv })], providers: [Consumer] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      const { config } = app.get(Consumer);
      expect(config.get('PORT')).toBe(3006);
      expect(config.get('GOOGLE_AI_API_KEY')).toBe('AIza-secret-value');
      const shown = JSON.stringify(config.redacted());
      expect(shown).not.toContain('AIza-secret-value');
      expect(shown).not.toContain('db-pass-123');
      expect(shown).toContain('"SERVICE_NAME":"ai"');
      expect(config.redacted().GOOGLE_AI_API_KEY).toBe('[REDACTED]');
    } finally {
      await app.close();
    }
  });
});
