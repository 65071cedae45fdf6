import { Catch, Logger, type ArgumentsHost, type ExceptionFilter, type LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, resolveError, toProblem } from './problem';

/** Sends any error as problem+json; unexpected ones are logged with their stack, never returned. */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: LoggerService = new Logger('ProblemDetails'),
): void {
  const resolved = resolveError(error);
  if (resolved.unexpected) {
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
