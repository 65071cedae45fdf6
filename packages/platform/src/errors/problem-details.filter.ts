import { Catch, Logger, type ArgumentsHost, type ExceptionFilter, type LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDependencyUnavailable } from './dependency-failure';
import { PlatformErrorCode } from './domain-error';
import { PROBLEM_CONTENT_TYPE, resolveError, toProblem, type ResolvedError } from './problem';

/** A dependency that is down (database unreachable, connection cut…) is 503, whatever code ran into it. */
const DEPENDENCY_DOWN: ResolvedError = {
  status: 503,
  code: PlatformErrorCode.DEPENDENCY_UNAVAILABLE,
  detail: 'A service this request needs is unavailable; retry later',
  unexpected: false,
};

/**
 * Sends any error as problem+json; unexpected ones are logged with their stack, never returned. An outage
 * of a dependency is a warning (no stack: one line per refused request) and 503 `DEPENDENCY_UNAVAILABLE`.
 */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: LoggerService = new Logger('ProblemDetails'),
): void {
  const dependencyDown = isDependencyUnavailable(error);
  const resolved = dependencyDown ? DEPENDENCY_DOWN : resolveError(error);
  if (dependencyDown) {
    logger.warn({
      message: 'dependency unavailable',
      error: error instanceof Error ? `${error.name}: ${error.message.split('\n').at(-1)}` : String(error),
      correlationId: request.id,
      method: request.method,
      route: request.routeOptions?.url,
    });
  } else if (resolved.unexpected) {
    logger.error({
      message: 'unhandled error',
      err: error,
      correlationId: request.id,
      method: request.method,
      route: request.routeOptions?.url,
    });
  }
  void reply
    .status(resolved.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(toProblem(resolved, request.id)));
}

/** The one global exception filter (HTTP). Registered by `createServiceApp`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService = new Logger('ProblemDetails')) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
