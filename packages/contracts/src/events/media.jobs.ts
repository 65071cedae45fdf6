import { z } from 'zod';
import { id, shortText } from './common';

export const mediaPurpose = z.enum(['avatar', 'team_logo', 'match_photo', 'match_video', 'chat_attachment']);
/**
 * Per-file import failures. `DOWNLOAD_FAILED` is every way a download did not get a 2xx answer
 * (refused, unreachable, timed out, non-2xx, too many redirects): one code, so results cannot map
 * what the importer's network reaches. `DOWNLOAD_HTTP_ERROR`, `TIMEOUT` and `httpStatus` are no
 * longer produced and stay only so results stored earlier still parse.
 */
export const mediaImportErrorCode = z.enum([
  'DOWNLOAD_FAILED',
  'DOWNLOAD_HTTP_ERROR',
  'TIMEOUT',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'STORAGE_ERROR',
  'FORBIDDEN_ADDRESS',
  'INVALID_URL',
  'QUOTA_EXCEEDED',
]);
const httpUrl = z
  .string()
  .url()
  .max(2048)
  .refine((u) => /^https?:\/\//i.test(u), { message: 'only http and https URLs' });

export const mediaProcessData = z
  .object({
    mediaId: id,
    ownerId: id,
    purpose: mediaPurpose,
    bucket: shortText(63),
    key: shortText(1024),
    contentType: shortText(100),
  })
  .strict();
export const mediaVariant = z
  .object({
    name: shortText(40),
    key: shortText(1024),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
    contentType: shortText(100),
  })
  .strict();
export const mediaProcessedData = z
  .object({ mediaId: id, ownerId: id, purpose: mediaPurpose, variants: z.array(mediaVariant).max(10) })
  .strict();
export const mediaFailedData = z
  .object({ mediaId: id, ownerId: id, purpose: mediaPurpose, code: shortText(64), message: z.string().max(500) })
  .strict();
export const mediaImportData = z
  .object({ batchId: id, requestedBy: id, purpose: mediaPurpose, urls: z.array(httpUrl).min(1).max(100) })
  .strict();
export const mediaImportCompletedData = z
  .object({
    batchId: id,
    requestedBy: id,
    results: z
      .array(
        z
          .object({
            url: z.string().max(2048),
            status: z.enum(['ok', 'error']),
            mediaId: id.optional(),
            code: mediaImportErrorCode.optional(),
            httpStatus: z.number().int().min(100).max(599).optional(),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

export type MediaPurpose = z.infer<typeof mediaPurpose>;
export type MediaProcess = z.infer<typeof mediaProcessData>;
export type MediaProcessed = z.infer<typeof mediaProcessedData>;

/**
 * Variants with stable anonymous links, `GET /api/v1/public-media/{mediaId}/{variant}` at storage-service
 * (a redirect to a presigned GET): avatars and logos that public pages show to visitors.
 */
export const publicImageVariants = {
  avatar: ['avatar-200', 'avatar-400'],
  team_logo: ['logo-128', 'logo-512'],
} as const;

/** The public links of a media object's variants, for read models that only hold its id. */
export function publicImageLinks(
  purpose: keyof typeof publicImageVariants,
  mediaId: string,
): { mediaId: string; variants: Record<string, string> } {
  const variants: Record<string, string> = {};
  for (const name of publicImageVariants[purpose]) variants[name] = `/api/v1/public-media/${mediaId}/${name}`;
  return { mediaId, variants };
}
