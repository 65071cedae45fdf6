/**
 * Why an outbound request was refused or failed. `REQUEST_FAILED` covers refused, reset, unreachable,
 * timed out and (for `fetch`) non-2xx alike: a caller-visible result must not map which hosts and
 * ports the platform's network can reach. The message is for logs only.
 */
export type SafeFetchErrorCode = 'INVALID_URL' | 'FORBIDDEN_ADDRESS' | 'REQUEST_FAILED';

export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SafeFetchError';
  }
}
