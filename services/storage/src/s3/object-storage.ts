import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import type { Readable } from 'node:stream';
import type { StorageConfig } from '../config/storage.config';
import { writeMultipart, type PartStore } from './multipart-writer';
import { UrlPresigner } from './url-presigner';

export interface ObjectHead {
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
}

/** The object changed between two requests that were to see the same version (its ETag differs). */
export class ObjectChangedError extends Error {
  constructor(readonly key: string) {
    super(`${key} changed while it was being read`);
    this.name = 'ObjectChangedError';
  }
}

export interface ObjectStream {
  body: Readable;
  contentLength: number;
  contentType: string | undefined;
  contentRange: string | undefined;
  totalSize: number;
}

export interface StreamUploadOptions {
  key: string;
  body: Readable;
  contentType: string;
  partSize: number;
  queueSize: number;
}

/** Presigned requests carry exactly these headers; their values are part of the signature. */
export const SIGNED_UPLOAD_HEADERS = new Set(['content-type', 'content-length']);
const SIGNED_PART_HEADERS = new Set(['content-length']);

function s3Client(config: AppConfig<StorageConfig>, endpoint: string | undefined): S3Client {
  return new S3Client({
    endpoint,
    region: config.get('S3_REGION'),
    forcePathStyle: Boolean(endpoint),
    credentials: { accessKeyId: config.get('S3_ACCESS_KEY_ID'), secretAccessKey: config.get('S3_SECRET_ACCESS_KEY') },
    // Without this the SDK adds a CRC32 of an empty body to presigned URLs, which real S3 then enforces.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isPreconditionFailed(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412;
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}

/**
 * The only code that talks to S3. Objects are private; clients reach them through short-lived
 * presigned requests issued for the public endpoint, the service itself through the internal one.
 */
@Injectable()
export class ObjectStorage implements OnApplicationShutdown {
  readonly bucket: string;
  private readonly logger = new Logger(ObjectStorage.name);
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  /** Signs for clients (public endpoint) and for the service's own tools (internal endpoint). */
  private readonly publicUrls: UrlPresigner;
  private readonly internalUrls: UrlPresigner;

  constructor(config: AppConfig<StorageConfig>) {
    this.bucket = config.get('S3_BUCKET');
    this.client = s3Client(config, config.get('S3_ENDPOINT'));
    this.presigner = s3Client(config, config.get('S3_PUBLIC_ENDPOINT') ?? config.get('S3_ENDPOINT'));
    this.publicUrls = new UrlPresigner(this.presigner, this.bucket);
    this.internalUrls = new UrlPresigner(this.client, this.bucket);
  }

  /** A PUT URL whose signature covers Content-Type and Content-Length: any other type or size is refused by S3. */
  presignPut(key: string, contentType: string, size: number, expiresIn: number): Promise<string> {
    return this.publicUrls.presign({
      operation: 'PutObject',
      method: 'PUT',
      key,
      headers: { 'content-type': contentType, 'content-length': String(size) },
      signableHeaders: SIGNED_UPLOAD_HEADERS,
      expiresIn,
    });
  }

  async createMultipart(key: string, contentType: string): Promise<string> {
    const out = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
    );
    if (!out.UploadId) throw new Error('S3 returned no multipart upload id');
    return out.UploadId;
  }

  /** A part URL whose signature covers the part's exact Content-Length. */
  presignPart(key: string, uploadId: string, partNumber: number, size: number, expiresIn: number): Promise<string> {
    return this.publicUrls.presign({
      operation: 'UploadPart',
      method: 'PUT',
      key,
      query: { partNumber: String(partNumber), uploadId },
      headers: { 'content-length': String(size) },
      signableHeaders: SIGNED_PART_HEADERS,
      expiresIn,
    });
  }

  async completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]) {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      }),
    );
  }

  /**
   * Aborts an open multipart upload (its parts are deleted). A store that does not implement the call
   * (s3rver answers 405) is logged and passed over: there the bucket's AbortIncompleteMultipartUpload
   * lifecycle rule is what removes the parts.
   */
  async abortMultipart(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      if (isMissing(error)) return;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 405) {
        this.logger.warn({ key }, 'storage does not support aborting multipart uploads');
        return;
      }
      throw error;
    }
  }

  async head(key: string): Promise<ObjectHead | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /**
   * The first `bytes` bytes (a ranged GET), enough to sniff the real type. With `etag`, only of that
   * version of the object: S3 answers 412 to `If-Match` for another one (and the answer's ETag is
   * compared too, for stores that ignore the condition); either gives ObjectChangedError.
   */
  async readStart(key: string, bytes: number, etag?: string): Promise<Buffer> {
    let out;
    try {
      out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}`, IfMatch: etag }),
      );
    } catch (error) {
      if (isPreconditionFailed(error)) throw new ObjectChangedError(key);
      throw error;
    }
    const data = await out.Body?.transformToByteArray();
    if (etag && out.ETag !== etag) throw new ObjectChangedError(key);
    return Buffer.from(data ?? []).subarray(0, bytes);
  }

  /**
   * Server-side copy of exactly the version `etag` of `source` (`x-amz-copy-source-if-match`; the
   * copy's ETag is compared too, for stores that ignore the condition: a single-part copy keeps the
   * MD5 ETag). Another version gives ObjectChangedError and no copy is left behind.
   */
  async copyVersion(source: string, destination: string, etag: string): Promise<void> {
    let copied: string | undefined;
    try {
      const out = await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: destination,
          CopySource: `${this.bucket}/${encodeURIComponent(source).replace(/%2F/g, '/')}`,
          CopySourceIfMatch: etag,
        }),
      );
      copied = out.CopyObjectResult?.ETag;
    } catch (error) {
      if (isPreconditionFailed(error)) throw new ObjectChangedError(source);
      throw error;
    }
    if (copied !== etag) {
      await this.delete(destination);
      throw new ObjectChangedError(source);
    }
  }

  /** Streams an object (or a byte range of it) as S3 sends it; nothing is buffered whole. */
  async stream(key: string, range?: string): Promise<ObjectStream | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range }));
      const total = out.ContentRange ? Number(out.ContentRange.split('/')[1]) : (out.ContentLength ?? 0);
      return {
        body: out.Body as Readable,
        contentLength: out.ContentLength ?? 0,
        contentType: out.ContentType,
        contentRange: out.ContentRange,
        totalSize: total,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /**
   * Streaming upload of `body` (multipart with reused part buffers: `partSize` parts, `queueSize` in
   * flight; see writeMultipart). `done()` settles once the object is stored, or removed after a failure.
   */
  streamUpload(options: StreamUploadOptions): { done(): Promise<void> } {
    const { key, contentType } = options;
    const store: PartStore = {
      putWhole: async (body) => {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
        );
      },
      createMultipart: () => this.createMultipart(key, contentType),
      uploadPart: async (uploadId, partNumber, body) => {
        const out = await this.client.send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: partNumber,
            Body: body,
          }),
        );
        if (!out.ETag) throw new Error(`S3 returned no ETag for part ${partNumber}`);
        return out.ETag;
      },
      completeMultipart: (uploadId, parts) => this.completeMultipart(key, uploadId, parts),
      abortMultipart: (uploadId) => this.abortMultipart(key, uploadId),
    };
    let written: Promise<void> | undefined;
    return {
      done: () => (written ??= writeMultipart(options.body, store, options)),
    };
  }

  async putSmall(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  presignGet(key: string, expiresIn: number): Promise<string> {
    return this.publicUrls.presign({ operation: 'GetObject', method: 'GET', key, expiresIn });
  }

  /**
   * A GET URL for the service's own tools (ffprobe/ffmpeg) on the endpoint the service reaches
   * (S3_ENDPOINT), not the public one clients use, which the service's network may not reach.
   */
  presignInternalGet(key: string, expiresIn: number): Promise<string> {
    return this.internalUrls.presign({ operation: 'GetObject', method: 'GET', key, expiresIn });
  }

  /** Deletes keys; missing ones are fine (deletion is retried by sweeps and redelivered events). */
  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of this.keyPages(prefix)) keys.push(...page);
    return keys;
  }

  /** Keys under `prefix`, one listing page (≤ 1000) at a time. */
  async *keyPages(prefix: string): AsyncGenerator<string[]> {
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      yield (out.Contents ?? []).flatMap((item) => (item.Key ? [item.Key] : []));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  onApplicationShutdown(): void {
    this.client.destroy();
    this.presigner.destroy();
  }
}
