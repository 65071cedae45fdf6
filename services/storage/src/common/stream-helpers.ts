import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

/** Passes bytes through and fails the stream as soon as more than `limit` have passed. */
export class SizeLimit extends Transform {
  bytes = 0;

  constructor(private readonly limit: number) {
    super();
  }

  /** True once the limit was crossed, whatever error the consumer then reported. */
  get exceeded(): boolean {
    return this.bytes > this.limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) callback(new TooLargeError(this.limit));
    else callback(null, chunk);
  }
}

/**
 * Reads the first `bytes` bytes of `source` (fewer if it ends first) and hands back a stream that
 * yields everything, those bytes included: the type can be sniffed before the body goes anywhere.
 */
export function peek(source: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
    };
    const finish = (ended: boolean) => {
      cleanup();
      source.pause();
      const head = Buffer.concat(chunks);
      const stream = new PassThrough();
      stream.write(head);
      if (ended) stream.end();
      else {
        source.on('error', (error) => stream.destroy(error));
        source.pipe(stream);
      }
      resolve({ head: head.subarray(0, bytes), stream });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= bytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', onError);
  });
}

/** Passes bytes through unchanged and counts them. */
export class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}
