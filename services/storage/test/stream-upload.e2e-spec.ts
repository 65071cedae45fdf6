import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@prodvor/testing';
import { corruptJpeg, jpeg, mp4 } from './support/media-files';
import { FORM_CONTENT_TYPE, FORM_TAIL, form, formHead } from './support/multipart';
import { keysUnder } from './support/s3-objects';
import { storageApi } from './support/storage-api';
import { BUCKET, newUser, startStorageApp, type StorageTestApp, type TestUser } from './support/storage-app';

const MiB = 1024 * 1024;

describe('server-side streaming upload', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;
  let port: number;

  beforeAll(async () => {
    t = await startStorageApp({ STREAM_SOCKET_TIMEOUT_MS: '700', STREAM_MAX_CONCURRENT: '2' });
    api = storageApi(t.app);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t?.close();
  });

  const send = (user: TestUser | undefined, purpose: string, body: Buffer, contentType = FORM_CONTENT_TYPE) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/uploads/stream?purpose=${purpose}`,
      headers: { ...(user?.headers ?? {}), 'content-type': contentType },
      payload: body,
    });

  const usage = async (user: TestUser): Promise<{ bytes: number; objects: number }> =>
    (await api.call(user, 'GET', '/api/v1/media/usage')).json();

  it('stores an avatar and its variants in one pass and answers the ready media', async () => {
    const user = newUser();
    const res = await send(user, 'avatar', form('image/jpeg', await jpeg(900, 700)));
    expect(res.statusCode).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({ ownerId: user.id, purpose: 'avatar', status: 'ready', width: 700, height: 900 });
    expect(media.variants.map((v: { name: string; width: number }) => [v.name, v.width])).toEqual([
      ['avatar-200', 200],
      ['avatar-400', 400],
    ]);
    expect(await keysUnder(t.s3Client, `avatar/${user.id}/${media.id}`)).toHaveLength(3);
    expect(await usage(user)).toMatchObject({ objects: 1, bytes: media.size });
  });

  it('streams a multi-part video byte for byte into S3', async () => {
    const user = newUser();
    const video = mp4(12 * MiB);
    for (let i = 0; i < video.length; i += 4096) video[i] = i % 251;
    video.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
    const res = await send(user, 'match_video', form('video/mp4', video));
    expect(res.statusCode).toBe(201);
    const { id, size } = res.json();
    expect(size).toBe(video.length);
    const out = await t.s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `match_video/${user.id}/${id}` }));
    expect(Buffer.from(await out.Body!.transformToByteArray()).equals(video)).toBe(true);
  });

  it('refuses a wrong type, a lying type, an oversized file and a corrupt image, leaving nothing behind', async () => {
    const user = newUser();
    expect((await send(user, 'avatar', form('application/pdf', Buffer.from('%PDF-1.4')))).json()).toMatchObject({
      status: 415,
      code: 'MEDIA_TYPE_NOT_ALLOWED',
    });
    expect((await send(user, 'avatar', form('image/png', await jpeg(50, 50)))).json()).toMatchObject({
      status: 422,
      code: 'MEDIA_TYPE_MISMATCH',
    });
    const oversized = Buffer.concat([await jpeg(64, 64), Buffer.alloc(11 * MiB, 7)]);
    const tooLarge = await send(user, 'avatar', form('image/jpeg', oversized));
    expect(tooLarge.json()).toMatchObject({ status: 413, code: 'MEDIA_TOO_LARGE' });
    expect(tooLarge.headers.connection).toBe('close');
    expect((await send(user, 'avatar', form('image/jpeg', corruptJpeg()))).json()).toMatchObject({
      status: 422,
      code: 'MEDIA_UNPROCESSABLE',
    });
    await eventually(async () => (await keysUnder(t.s3Client, `avatar/${user.id}/`)).length === 0);
    expect(await usage(user)).toMatchObject({ objects: 0, bytes: 0 });
  });

  it('refuses anything but one multipart file part, and anonymous callers', async () => {
    const user = newUser();
    expect((await send(user, 'avatar', Buffer.from('{}'), 'application/json')).json()).toMatchObject({
      code: 'UPLOAD_NOT_MULTIPART_FORM',
    });
    expect((await send(user, 'avatar', form('image/jpeg', await jpeg(), 'photo'))).json()).toMatchObject({
      code: 'UPLOAD_FILE_MISSING',
    });
    const empty = Buffer.from(`--prodvor-test-boundary--\r\n`);
    expect((await send(user, 'avatar', empty)).json()).toMatchObject({ code: 'UPLOAD_FILE_MISSING' });
    expect((await send(user, 'wallpaper', form('image/jpeg', await jpeg()))).statusCode).toBe(400);
    expect((await send(undefined, 'avatar', form('image/jpeg', await jpeg()))).statusCode).toBe(401);
  });

  /** Sends the form head and `bytes` of a video over a real socket, then either cuts or stalls. */
  const partialUpload = (user: TestUser, bytes: number, cut: boolean) =>
    new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/uploads/stream?purpose=match_video',
        headers: { ...user.headers, 'content-type': FORM_CONTENT_TYPE, 'content-length': String(200 * MiB) },
      });
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.write(formHead('video/mp4'));
      req.write(mp4(bytes), () => {
        if (cut) setTimeout(() => req.destroy(), 300);
      });
    });

  /** S3 commands the service sent for keys under `prefix` (s3rver cannot list open multipart uploads). */
  const recordS3Commands = (prefix: string) => {
    const send = vi.spyOn(S3Client.prototype, 'send');
    return () =>
      send.mock.calls
        .map(([command]) => command as { constructor: { name: string }; input: { Key?: string } })
        .filter((command) => command.input.Key?.startsWith(prefix))
        .map((command) => command.constructor.name);
  };

  /**
   * Streams `total` bytes of a video form chunked (no Content-Length, so only the running count can stop
   * it), writing until the answer arrives: the answer and how much had been written by then.
   */
  const chunkedUpload = (user: TestUser, purpose: string, total: number) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string; sentBeforeAnswer: number }>(
      (resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/uploads/stream?purpose=${purpose}`,
          headers: { ...user.headers, 'content-type': FORM_CONTENT_TYPE, 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          answered = true;
          const sentBeforeAnswer = sent;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
              sentBeforeAnswer,
            }),
          );
        });
        req.on('error', (error) => (answered ? undefined : reject(error)));
        const chunk = mp4(256 * 1024);
        const pump = () => {
          while (!answered && sent < total) {
            sent += chunk.length;
            if (!req.write(sent === chunk.length ? Buffer.concat([formHead('video/mp4'), chunk]) : chunk)) {
              req.once('drain', pump);
              return;
            }
          }
          if (!answered) req.end(FORM_TAIL);
        };
        pump();
      },
    );

  it('stops a chunked upload once it passes the limit with a 413 problem+json, leaving nothing behind', async () => {
    const user = newUser();
    const commands = recordS3Commands(`chat_attachment/${user.id}/`);
    const limit = 25 * MiB;
    const res = await chunkedUpload(user, 'chat_attachment', 200 * MiB);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ status: 413, code: 'MEDIA_TOO_LARGE' });
    // Refused mid-stream: the client was still sending, far from its 200 MiB.
    expect(res.sentBeforeAnswer).toBeGreaterThan(limit);
    expect(res.sentBeforeAnswer).toBeLessThan(limit + 20 * MiB);
    await eventually(async () => commands().includes('AbortMultipartUploadCommand'));
    expect(commands()).not.toContain('CompleteMultipartUploadCommand');
    expect(await keysUnder(t.s3Client, `chat_attachment/${user.id}/`)).toEqual([]);
    expect(await usage(user)).toMatchObject({ objects: 0, bytes: 0 });
  });

  it('aborts the S3 multipart upload and keeps no quota when the client aborts mid-upload', async () => {
    const user = newUser();
    const commands = recordS3Commands(`match_video/${user.id}/`);
    await partialUpload(user, 12 * MiB, true);
    await eventually(async () => commands().includes('AbortMultipartUploadCommand'));
    expect(commands()).toContain('CreateMultipartUploadCommand');
    expect(commands()).not.toContain('CompleteMultipartUploadCommand');
    await sleep(200);
    expect(await keysUnder(t.s3Client, `match_video/${user.id}/`)).toEqual([]);
    expect(await usage(user)).toMatchObject({ objects: 0, bytes: 0 });
  });

  it('ends a stalled upload after the socket timeout and aborts what it had started', async () => {
    const user = newUser();
    const commands = recordS3Commands(`match_video/${user.id}/`);
    const started = Date.now();
    await partialUpload(user, 7 * MiB, false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    await eventually(async () => commands().includes('AbortMultipartUploadCommand'));
    expect(commands()).not.toContain('CompleteMultipartUploadCommand');
    expect(await keysUnder(t.s3Client, `match_video/${user.id}/`)).toEqual([]);
    expect(await usage(user)).toMatchObject({ objects: 0, bytes: 0 });
  });

  it('answers 503 UPLOAD_STREAMS_BUSY beyond STREAM_MAX_CONCURRENT uploads at once, and takes uploads again after', async () => {
    const user = newUser();
    const stalled = [partialUpload(newUser(), 6 * MiB, false), partialUpload(newUser(), 6 * MiB, false)];
    await sleep(300);
    const busy = await send(user, 'chat_attachment', form('video/mp4', mp4(10_000)));
    expect(busy.statusCode).toBe(503);
    expect(busy.json()).toMatchObject({ code: 'UPLOAD_STREAMS_BUSY' });
    await Promise.all(stalled);
    await eventually(
      async () => (await send(user, 'chat_attachment', form('video/mp4', mp4(10_000)))).statusCode === 201,
    );
  });
});
