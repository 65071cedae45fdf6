import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { errorCodes } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DomainError, PlatformErrorCode, type FieldError } from './domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  correlationId: string;
  errors?: FieldError[];
}

const STATUS_CODE_NAMES: Record<number, string> = {
  400: PlatformErrorCode.BAD_REQUEST,
  401: PlatformErrorCode.UNAUTHENTICATED,
  403: PlatformErrorCode.FORBIDDEN,
  404: PlatformErrorCode.NOT_FOUND,
  413: PlatformErrorCode.PAYLOAD_TOO_LARGE,
  415: PlatformErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: PlatformErrorCode.RATE_LIMITED,
  503: PlatformErrorCode.DEPENDENCY_UNAVAILABLE,
};

/** Errors Fastify raises before a route handler runs (body parsing, limits) carry these codes. */
const FASTIFY_CODES: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: PlatformErrorCode.PAYLOAD_TOO_LARGE, detail: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: PlatformErrorCode.UNSUPPORTED_MEDIA_TYPE,
    detail: 'Unsupported content type',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: PlatformErrorCode.INVALID_JSON, detail: 'Request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: PlatformErrorCode.INVALID_JSON, detail: 'Request body is empty' },
  FST_ERR_MAX_PARAM_LENGTH: { code: PlatformErrorCode.URI_TOO_LONG, detail: 'A path parameter is too long' },
  FST_ERR_BAD_URL: { code: PlatformErrorCode.BAD_REQUEST, detail: 'The URL is malformed' },
};

// Nest re-throws Fastify's parser errors as a bare HttpException(message, status), dropping the code,
// so a body that is not JSON is recognised by Fastify's own message.
const INVALID_JSON_MESSAGES = new Set([
  new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY().message,
  new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY().message,
]);

export interface ResolvedError {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  /** True when the error is not one we raised on purpose and must be logged with its stack. */
  unexpected: boolean;
}

function httpExceptionDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

/** Maps anything thrown to a status, stable code and a detail that is safe to show the caller. */
export function resolveError(error: unknown): ResolvedError {
  if (error instanceof DomainError) {
    return { status: error.status, code: error.code, detail: error.message, errors: error.errors, unexpected: false };
  }
  if (error instanceof ThrottlerException) {
    return { status: 429, code: PlatformErrorCode.RATE_LIMITED, detail: 'Too many requests', unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const detail = httpExceptionDetail(error);
    if (status >= 500) return { status, code: PlatformErrorCode.INTERNAL, detail: 'Internal error', unexpected: true };
    let code = STATUS_CODE_NAMES[status] ?? `HTTP_${status}`;
    // Nest's own "route not found" handler throws `Cannot GET /path`.
    if (status === 404 && detail.startsWith('Cannot ')) code = PlatformErrorCode.ROUTE_NOT_FOUND;
    if (status === 400 && INVALID_JSON_MESSAGES.has(detail)) code = PlatformErrorCode.INVALID_JSON;
    return { status, code, detail, unexpected: false };
  }
  const fastify = error as { code?: unknown; statusCode?: unknown };
  if (typeof fastify.code === 'string' && fastify.code in FASTIFY_CODES && typeof fastify.statusCode === 'number') {
    const known = FASTIFY_CODES[fastify.code];
    return { status: fastify.statusCode, code: known.code, detail: known.detail, unexpected: false };
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    // Other client errors Fastify raises (bad content-length, aborted body...): their message is written for callers.
    const message = error instanceof Error ? error.message : 'Bad request';
    const code = STATUS_CODE_NAMES[fastify.statusCode] ?? `HTTP_${fastify.statusCode}`;
    return { status: fastify.statusCode, code, detail: message, unexpected: false };
  }
  return { status: 500, code: PlatformErrorCode.INTERNAL, detail: 'Internal error', unexpected: true };
}

export function toProblem(resolved: ResolvedError, correlationId: string): ProblemDetails {
  const problem: ProblemDetails = {
    type: `https://prodvor.dev/problems/${resolved.code.toLowerCase().replace(/_/g, '-')}`,
    title: STATUS_CODES[resolved.status] ?? 'Error',
    status: resolved.status,
    detail: resolved.detail,
    code: resolved.code,
    correlationId,
  };
  if (resolved.errors?.length) problem.errors = resolved.errors;
  return problem;
}
