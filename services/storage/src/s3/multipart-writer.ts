import type { Readable } from 'node:stream';

/** The S3 calls a streamed upload makes (ObjectStorage implements them on its client). */
export interface PartStore {
  /** The whole object in one PUT (bodies that fit one part). */
  putWhole(body: Buffer): Promise<void>;
  createMultipart(): Promise<string>;
  /** Uploads one part; resolves with its ETag once S3 has it (and the body is no longer read). */
  uploadPart(uploadId: string, partNumber: number, body: Buffer): Promise<string>;
  completeMultipart(uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void>;
  abortMultipart(uploadId: string): Promise<void>;
}

export interface MultipartWriterOptions {
  partSize: number;
  /** Parts in flight at once. */
  queueSize: number;
}

/**
 * Streams `body` to S3: bytes are copied into part buffers as they arrive, a full buffer is sent as a
 * part while the next one fills, and at most `queueSize` parts are in flight — reading waits for a free
 * slot, so the source is back-pressured instead of buffered. The part buffers (at most `queueSize + 1`
 * of `partSize` bytes) are reused for the whole upload: lib-storage instead keeps every arriving chunk
 * and copies them into a fresh `Buffer.concat` per part, so a 500 MB upload there leaves ~1 GB of
 * external garbage whose release waits for V8's collector — the RSS growth the benchmark measured.
 * A body that fits one part is sent with one PUT. Any failure (the body's error, a part refused) stops
 * reading, waits for the parts in flight and aborts the multipart upload, so no object is left.
 */
export async function writeMultipart(body: Readable, store: PartStore, options: MultipartWriterOptions): Promise<void> {
  const { partSize, queueSize } = options;
  const free: Buffer[] = [];
  // allocUnsafe: every byte sent was first written by a copy below; untouched pages of a large buffer
  // are never made resident, so a small body costs only what it fills.
  const take = () => free.pop() ?? Buffer.allocUnsafe(partSize);
  const inFlight = new Set<Promise<void>>();
  const parts: { partNumber: number; etag: string }[] = [];
  let failure: { error: unknown } | undefined;
  let uploadId: string | undefined;
  let partNumber = 0;
  let buffer = take();
  let filled = 0;

  const sendPart = async (data: Buffer, length: number): Promise<void> => {
    while (inFlight.size >= queueSize) await Promise.race(inFlight);
    if (failure) throw failure.error;
    uploadId ??= await store.createMultipart();
    const id = uploadId;
    const number = ++partNumber;
    const sent: Promise<void> = store
      .uploadPart(id, number, data.subarray(0, length))
      .then(
        (etag) => {
          parts.push({ partNumber: number, etag });
          free.push(data);
        },
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };

  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (failure) throw failure.error;
      let offset = 0;
      while (offset < chunk.length) {
        // A full buffer is sent only once more bytes arrive: a body of exactly one part stays one PUT.
        if (filled === partSize) {
          await sendPart(buffer, filled);
          buffer = take();
          filled = 0;
        }
        const copied = chunk.copy(buffer, filled, offset);
        offset += copied;
        filled += copied;
      }
    }
    if (partNumber === 0) {
      await store.putWhole(buffer.subarray(0, filled));
      return;
    }
    await sendPart(buffer, filled);
    await Promise.all(inFlight);
    if (failure) throw failure.error;
    parts.sort((a, b) => a.partNumber - b.partNumber);
    await store.completeMultipart(uploadId!, parts);
  } catch (error) {
    // Leaving the loop early destroys the body; its bytes are no longer read.
    body.destroy();
    await Promise.allSettled(inFlight);
    if (uploadId) await store.abortMultipart(uploadId).catch(() => undefined);
    throw error;
  }
}
