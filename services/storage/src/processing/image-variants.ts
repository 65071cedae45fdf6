import { Injectable } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import sharp, { type Sharp } from 'sharp';
import type { Readable } from 'node:stream';
import { ByteCounter } from '../common/stream-helpers';
import type { StorageConfig } from '../config/storage.config';
import type { VariantSpec } from '../media/media-rules';
import { variantKey } from '../media/media-rules';
import type { StoredVariant } from '../media/media.repository';
import { ObjectStorage } from '../s3/object-storage';

/** Variants are small: one part each in practice; the minimum S3 part size otherwise. */
const PART_SIZE = 5 * 1024 * 1024;

export const ProcessingErrorCode = {
  CORRUPT: 'IMAGE_CORRUPT',
  TOO_MANY_PIXELS: 'IMAGE_TOO_MANY_PIXELS',
  ORIGINAL_MISSING: 'ORIGINAL_MISSING',
  VIDEO_CORRUPT: 'VIDEO_CORRUPT',
  VIDEO_TIMEOUT: 'VIDEO_TIMEOUT',
  VIDEO_TOO_MANY_PIXELS: 'VIDEO_TOO_MANY_PIXELS',
  STORAGE: 'STORAGE_ERROR',
} as const;
export type ProcessingErrorCode = (typeof ProcessingErrorCode)[keyof typeof ProcessingErrorCode];

export class ProcessingError extends Error {
  constructor(
    readonly code: ProcessingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProcessingError';
  }
}

/** Maps what sharp or S3 threw to a stable failure code. */
export function processingErrorCode(error: unknown): ProcessingErrorCode {
  if (error instanceof ProcessingError) return error.code;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return ProcessingErrorCode.TOO_MANY_PIXELS;
  if (/unsupported image format|corrupt|premature|invalid|vips|bad seek|marker|read error/i.test(message)) {
    return ProcessingErrorCode.CORRUPT;
  }
  return ProcessingErrorCode.STORAGE;
}

export interface VariantSet {
  variants: StoredVariant[];
  width?: number;
  height?: number;
}

/**
 * Streams an original through one sharp pipeline into WebP variants, each uploaded while it is
 * produced: the pixel limit refuses decompression bombs before decoding, `.rotate()` applies the EXIF
 * orientation and sharp drops all metadata (EXIF, GPS, ICC) because `withMetadata` is never called.
 */
@Injectable()
export class ImageVariantMaker {
  private readonly maxPixels: number;

  constructor(
    private readonly storage: ObjectStorage,
    config: AppConfig<StorageConfig>,
  ) {
    this.maxPixels = config.get('MEDIA_MAX_INPUT_PIXELS');
  }

  /** A fresh decoder for one input; callers pipe the original into it. */
  decoder(): Sharp {
    return sharp({ limitInputPixels: this.maxPixels, failOn: 'error', sequentialRead: true });
  }

  async fromStorage(originalKey: string, specs: readonly VariantSpec[]): Promise<VariantSet> {
    const original = await this.storage.stream(originalKey);
    if (!original) throw new ProcessingError(ProcessingErrorCode.ORIGINAL_MISSING, 'original object is missing');
    return this.fromStream(original.body, originalKey, specs);
  }

  /** Consumes `source` once; every variant is streamed to S3 (ObjectStorage.streamUpload) as sharp writes it. */
  async fromStream(source: Readable, originalKey: string, specs: readonly VariantSpec[]): Promise<VariantSet> {
    const decoder = this.decoder();
    const metadata = decoder.clone().metadata();
    const outputs = specs.map((spec) => this.variant(decoder, originalKey, spec));
    source.on('error', (error) => decoder.destroy(error));
    source.pipe(decoder);
    const settled = await Promise.allSettled([metadata, ...outputs]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      const written = settled
        .slice(1)
        .flatMap((s) => (s.status === 'fulfilled' ? [(s.value as StoredVariant).key] : []));
      await this.storage.delete(...written).catch(() => undefined);
      throw failed.reason;
    }
    const info = (settled[0] as PromiseFulfilledResult<sharp.Metadata>).value;
    const turned = (info.orientation ?? 1) >= 5;
    return {
      variants: settled.slice(1).map((s) => (s as PromiseFulfilledResult<StoredVariant>).value),
      width: turned ? info.height : info.width,
      height: turned ? info.width : info.height,
    };
  }

  private async variant(decoder: Sharp, originalKey: string, spec: VariantSpec): Promise<StoredVariant> {
    const key = variantKey(originalKey, spec.name);
    const resized = decoder
      .clone()
      .rotate()
      .resize(
        spec.height
          ? { width: spec.width, height: spec.height, fit: 'cover' }
          : { width: spec.width, withoutEnlargement: true },
      )
      .webp({ quality: 80 });
    let size = { width: 0, height: 0 };
    resized.on('info', (info: sharp.OutputInfo) => (size = { width: info.width, height: info.height }));
    const body = new ByteCounter();
    resized.on('error', (error) => body.destroy(error));
    resized.pipe(body);
    await this.storage.streamUpload({ key, body, contentType: 'image/webp', partSize: PART_SIZE, queueSize: 2 }).done();
    return {
      name: spec.name,
      key,
      width: size.width,
      height: size.height,
      bytes: body.bytes,
      contentType: 'image/webp',
    };
  }
}
