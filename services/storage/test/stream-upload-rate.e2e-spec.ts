import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mp4 } from './support/media-files';
import { FORM_CONTENT_TYPE, form, formHead } from './support/multipart';
import { newUser, startStorageApp, type StorageTestApp } from './support/storage-app';

describe('streaming upload minimum rate', () => {
  let t: StorageTestApp;
  let port: number;

  beforeAll(async () => {
    // The idle timeout stays at its minute: only the rate floor can end a trickle this soon.
    t = await startStorageApp({
      STREAM_MIN_BYTES_PER_SECOND: '50000',
      STREAM_MIN_RATE_WINDOW_MS: '500',
      STREAM_MAX_CONCURRENT: '1',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Sends a video form 2 KiB every 100 ms (20 KiB/s, each write resetting any idle timer). */
  const trickle = () =>
    new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
      const started = Date.now();
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/uploads/stream?purpose=chat_attachment',
        headers: {
          ...newUser().headers,
          'content-type': FORM_CONTENT_TYPE,
          'content-length': String(10 * 1024 * 1024),
        },
      });
      const chunk = mp4(2048);
      req.write(formHead('video/mp4'));
      const timer = setInterval(() => req.write(chunk), 100);
      req.on('response', (res) => {
        clearInterval(timer);
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode!, body, ms: Date.now() - started });
        });
      });
      req.on('error', (error) => {
        clearInterval(timer);
        reject(error);
      });
    });

  it('ends a trickling upload with 408 UPLOAD_TOO_SLOW and frees its slot', async () => {
    const slow = await trickle();
    expect(slow.status).toBe(408);
    expect(JSON.parse(slow.body)).toMatchObject({ status: 408, code: 'UPLOAD_TOO_SLOW' });
    expect(slow.ms).toBeLessThan(5_000);
    // The only slot is free again, and an upload at full speed is taken.
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/uploads/stream?purpose=chat_attachment',
      headers: { ...newUser().headers, 'content-type': FORM_CONTENT_TYPE },
      payload: form('video/mp4', mp4(2 * 1024 * 1024)),
    });
    expect(ok.statusCode).toBe(201);
  });
});
