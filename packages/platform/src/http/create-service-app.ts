import { Logger as NestLogger, type LoggerService, type Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ProblemDetailsFilter, sendProblem } from '../errors/problem-details.filter';
import { validationFailed } from '../errors/validation';
import { CORRELATION_ID_HEADER, correlationIdFor } from '../logging/correlation-id';
import { MetricsService } from '../metrics/metrics.service';
import { PlatformValidationPipe } from './input-hygiene';
import { openApiDocument, rememberServiceName } from './openapi';

export interface ServiceAppOptions {
  serviceName: string;
  /** Largest accepted request body; larger ones answer 413 PAYLOAD_TOO_LARGE. */
  bodyLimitBytes?: number;
  /**
   * Proxies in front of the service that append to X-Forwarded-For (default 1: the gateway). The client
   * address is the entry the nearest untrusted hop wrote; entries further left are the client's own
   * words, so trusting them would let anyone pick the address per-IP rate limits count.
   */
  trustedProxyHops?: number;
}

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** The instance of a provider when some module of the app provides it (app.get would abort otherwise). */
function optional<T>(app: NestFastifyApplication, token: Type<T>): T | undefined {
  for (const module of app.get(ModulesContainer).values()) {
    const instance = module.providers.get(token)?.instance as T | undefined;
    if (instance) return instance;
  }
  return undefined;
}

/**
 * A configured Fastify-based Nest application: correlation ids, the problem+json filter, strict
 * validation, per-request log line and HTTP metrics, Swagger at `/api/v1/<service>/docs`.
 * `main.ts` then calls `serveApp(app, …)` (listen, graceful shutdown); tests call `app.init()` and `app.inject(...)`.
 */
export async function createServiceApp(module: Type, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: options.trustedProxyHops ?? 1,
    genReqId: correlationIdFor,
    // While draining after SIGTERM, a request that still arrives on an open connection is served (with
    // `Connection: close`) instead of Fastify's bare 503: the client reconnects to another instance.
    return503OnClosing: false,
    // Router refusals (a path parameter over maxParamLength, a malformed URL) answer problem+json too;
    // Fastify's default writes its own JSON echoing the whole path.
    // (Nest's platform-fastify brings its own copy of Fastify's types, hence the casts.)
    frameworkErrors: (error: Error, request: unknown, reply: unknown) =>
      sendProblem(error, request as FastifyRequest, reply as FastifyReply),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  const pinoLogger = optional(app, PinoNestLogger);
  if (pinoLogger) app.useLogger(pinoLogger);
  else app.flushLogs();
  const requestLogger: LoggerService = pinoLogger ?? new NestLogger('HTTP');

  app.useGlobalFilters(new ProblemDetailsFilter(requestLogger));
  app.useGlobalPipes(
    new PlatformValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationFailed,
    }),
  );

  const metrics = optional(app, MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(CORRELATION_ID_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    // The route template (`/api/v1/teams/:id`), never the raw URL, keeps metric labels bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const durationMs = reply.elapsedTime;
    metrics?.httpRequestDuration.labels(request.method, route, String(status)).observe(durationMs / 1000);
    const line = {
      message: 'request completed',
      correlationId: request.id,
      method: request.method,
      route,
      status,
      durationMs: Math.round(durationMs * 100) / 100,
    };
    if (QUIET_ROUTES.has(route)) requestLogger.debug?.(line);
    else if (status >= 500) requestLogger.error(line);
    else requestLogger.log(line);
  });

  rememberServiceName(app, options.serviceName);
  const base = `api/v1/${options.serviceName}`;
  // @fastify/static is installed in this package's node_modules (its glob version conflicts with the root's),
  // out of reach of Nest's loader in @nestjs/platform-fastify; hand Swagger UI's asset serving the plugin directly.
  adapter.useStaticAssets = (staticOptions) => {
    void fastify.register(fastifyStatic as never, staticOptions as never);
  };
  SwaggerModule.setup(`${base}/docs`, app, () => openApiDocument(app, options.serviceName), {
    jsonDocumentUrl: `${base}/openapi.json`,
    yamlDocumentUrl: `${base}/openapi.yaml`,
  });
  return app;
}
