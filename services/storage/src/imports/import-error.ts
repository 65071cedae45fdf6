import type { mediaImportErrorCode } from '@prodvor/contracts';
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
