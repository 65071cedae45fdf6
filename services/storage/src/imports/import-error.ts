import type { mediaImportErrorCode } from '@prodvor/contracts';
import type { SafeFetchError } from '@prodvor/platform';
import type { z } from 'zod';

export type MediaImportErrorCode = z.infer<typeof mediaImportErrorCode>;

/** A per-file import failure with the stable code reported in `media.import.completed`. */
export class ImportError extends Error {
  constructor(
    readonly code: MediaImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The platform fetcher's refusal or failure as the import's code (`REQUEST_FAILED` is a failed download). */
export function importErrorOf(error: SafeFetchError): ImportError {
  return new ImportError(error.code === 'REQUEST_FAILED' ? 'DOWNLOAD_FAILED' : error.code, error.message);
}
