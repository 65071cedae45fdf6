import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeMultipart, type PartStore } from './multipart-writer';

const PART = 8 * 1024;

/** A store that keeps what it was sent, reading each part only when the (delayed) upload ends. */
function fakeStore(options: { failPart?: number; delayMs?: number } = {}) {
  const parts = new Map<number, Buffer>();
  const seen = { whole: undefined as Buffer | undefined, completed: [] as number[], aborted: 0, maxInFlight: 0 };
  const buffers = new Set<ArrayBufferLike>();
  let inFlight = 0;
  const store: PartStore = {
    putWhole: (body) => {
      seen.whole = Buffer.from(body);
      return Promise.resolve();
    },
    createMultipart: () => Promise.resolve('upload-1'),
    uploadPart: async (_id, partNumber, body) => {
      buffers.add(body.buffer);
      seen.maxInFlight = Math.max(seen.maxInFlight, ++inFlight);
      await sleep(options.delayMs ?? 2);
      inFlight -= 1;
      if (partNumber === options.failPart) throw new Error(`part ${partNumber} refused`);
      parts.set(partNumber, Buffer.from(body));
      return `"etag-${partNumber}"`;
    },
    completeMultipart: (_id, list) => {
      seen.completed = list.map((p) => p.partNumber);
      return Promise.resolve();
    },
    abortMultipart: () => {
      seen.aborted += 1;
      return Promise.resolve();
    },
  };
  const assembled = () => Buffer.concat(seen.completed.map((n) => parts.get(n)!));
  return { store, seen, buffers, assembled };
}

/** `data` as a stream of chunks of `chunk` bytes. */
function chunked(data: Buffer, chunk: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
    })(),
  );
}

describe('writeMultipart', () => {
  it.each([0, 1000, PART])('sends a body of %i bytes (≤ one part) as one PUT', async (size) => {
    const data = randomBytes(size);
    const { store, seen } = fakeStore();
    await writeMultipart(chunked(data, 3000), store, { partSize: PART, queueSize: 4 });
    expect(seen.whole?.equals(data)).toBe(true);
    expect(seen.completed).toEqual([]);
  });

  it.each([
    ['chunks smaller than a part', 1500],
    ['chunks larger than a part', 3 * PART + 17],
  ])('sends parts in order with the exact bytes, reusing at most queueSize + 1 buffers (%s)', async (_n, chunk) => {
    const data = randomBytes(20 * PART + 123);
    const { store, seen, buffers, assembled } = fakeStore();
    await writeMultipart(chunked(data, chunk), store, { partSize: PART, queueSize: 3 });
    expect(seen.completed).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(assembled().equals(data)).toBe(true);
    expect(seen.maxInFlight).toBeLessThanOrEqual(3);
    expect(buffers.size).toBeLessThanOrEqual(4);
    expect(seen.aborted).toBe(0);
  });

  it('aborts the multipart upload and stops reading when a part is refused', async () => {
    const data = randomBytes(30 * PART);
    const body = chunked(data, 1024);
    const { store, seen } = fakeStore({ failPart: 2 });
    await expect(writeMultipart(body, store, { partSize: PART, queueSize: 2 })).rejects.toThrow('part 2 refused');
    expect(seen.aborted).toBe(1);
    expect(seen.completed).toEqual([]);
    expect(body.destroyed).toBe(true);
  });

  it("fails with the body's own error and aborts what was started", async () => {
    const body = new Readable({ read() {} });
    const { store, seen } = fakeStore();
    const written = writeMultipart(body, store, { partSize: PART, queueSize: 2 });
    body.push(randomBytes(3 * PART));
    await sleep(20);
    body.destroy(new Error('client went away'));
    await expect(written).rejects.toThrow('client went away');
    expect(seen.aborted).toBe(1);
    expect(seen.completed).toEqual([]);
  });
});
