import type { MediaPurpose } from '@prodvor/contracts';
import { MediaErrors } from '../media/media.errors';
import { MEDIA_RULES } from '../media/media-rules';

/** Refuses a declared type or size the purpose does not accept (the same check for every way in). */
export function assertAccepted(purpose: MediaPurpose, contentType: string, size?: number): void {
  const rule = MEDIA_RULES[purpose];
  if (!rule.contentTypes.includes(contentType)) throw MediaErrors.typeNotAllowed(purpose, contentType);
  if (size !== undefined && size > rule.maxBytes) throw MediaErrors.tooLarge(purpose, rule.maxBytes);
}

/** Part sizes of a multipart upload of `size` bytes: `partSize` each, the remainder last. */
export function partSizes(size: number, partSize: number): number[] {
  const count = Math.ceil(size / partSize);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? size - partSize * (count - 1) : partSize));
}
