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

/**
 * Where the presigned PUT of a single upload writes: never the media's own key. Completion copies the
 * verified object to `{purpose}/{ownerId}/{uuid}`, so re-using the URL (it lives until it expires) can
 * only ever replace the staging object, which the sweeper deletes once its upload is no longer pending.
 */
export const STAGING_PREFIX = 'staging/';

export function stagingKey(uploadId: string): string {
  return `${STAGING_PREFIX}${uploadId}`;
}

/** The upload id of a staging key, or undefined for anything else under the prefix. */
export function uploadIdOfStagingKey(key: string): string | undefined {
  const id = key.slice(STAGING_PREFIX.length);
  return key.startsWith(STAGING_PREFIX) && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? id
    : undefined;
}
