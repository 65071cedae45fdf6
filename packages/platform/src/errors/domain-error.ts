/** HTTP status a domain error maps to; the platform filter turns it into problem+json. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error a feature throws with a stable, documented code (e.g. `TEAM_NOT_CAPTAIN`). Deep code
 * never throws HttpException; the platform's filter maps `status` and `code` to the response.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: ErrorStatus,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Codes the platform itself answers with. Features define their own next to their code. */
export const PlatformErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  DEPENDENCY_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  INVALID_JSON: 'INVALID_JSON',
  INVALID_CURSOR: 'INVALID_CURSOR',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  BAD_REQUEST: 'BAD_REQUEST',
  URI_TOO_LONG: 'URI_TOO_LONG',
} as const;
