import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { AppConfig } from '../config/config.module';
import type { BaseConfig } from '../config/config.schema';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream, Level } from 'pino';
import { CORRELATION_ID_HEADER, correlationIdFor } from './correlation-id';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';

export interface LoggingOptions {
  serviceName: string;
  level?: Level | 'silent';
  /** Where JSON lines go (stdout by default); tests pass a capturing stream. */
  destination?: DestinationStream;
}

/**
 * JSON logs through nestjs-pino. Every line written while handling a request carries `correlationId`.
 * The per-request line (method, route template, status, duration) is written by `createServiceApp`'s
 * onResponse hook, so pino-http's own automatic line is switched off.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return { module: LoggingModule, imports: [LoggerModule.forRoot(pinoParams(options))], exports: [LoggerModule] };
  }

  /** `SERVICE_NAME` and `LOG_LEVEL` from the validated configuration (needs `PlatformConfigModule`). */
  static fromConfig(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig<BaseConfig>) =>
            pinoParams({ serviceName: config.get('SERVICE_NAME'), level: config.get('LOG_LEVEL') }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}

function pinoParams(options: LoggingOptions): Params {
  return {
    pinoHttp: [
      {
        level: options.level ?? 'info',
        base: { service: options.serviceName },
        messageKey: 'message',
        timestamp: () => `,"time":"${new Date().toISOString()}"`,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
        autoLogging: false,
        quietReqLogger: true,
        genReqId: (req: IncomingMessage) =>
          (req.headers[CORRELATION_ID_HEADER] as string | undefined) ?? correlationIdFor(req),
        customAttributeKeys: { reqId: 'correlationId' },
      },
      options.destination ?? process.stdout,
    ],
  };
}
