import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FORM_CONTENT_TYPE, form } from './support/multipart';
import { storageApi } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp, type TestUser } from './support/storage-app';

const run = promisify(execFile);

/**
 * Streamed match videos go to the video worker, whose ffprobe/ffmpeg read S3 on the internal endpoint:
 * here the public endpoint (what clients get in presigned URLs) leads nowhere, as from inside compose.
 */
describe('video intake: streamed videos probed over the internal endpoint, huge frames refused', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;
  let dir: string;

  const makeVideo = async (size: string): Promise<Buffer> => {
    const file = join(dir, `${size}.mp4`);
    await run('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=duration=1:size=${size}:rate=10`],
      ...['-pix_fmt', 'yuv420p', '-movflags', '+faststart', file],
    ]);
    return readFile(file);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'storage-video-intake-'));
    t = await startStorageApp({
      S3_PUBLIC_ENDPOINT: 'http://127.0.0.1:9',
      // 320×240 = 76 800 pixels pass, 640×480 = 307 200 do not.
      MEDIA_MAX_INPUT_PIXELS: '100000',
      MEDIA_JOB_MAX_ATTEMPTS: '1',
    });
    api = storageApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const stream = (user: TestUser, body: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/uploads/stream?purpose=match_video',
      headers: { ...user.headers, 'content-type': FORM_CONTENT_TYPE },
      payload: form('video/mp4', body),
    });

  it('probes a streamed match video like a presigned one (duration, codec, poster)', async () => {
    const user = newUser();
    const res = await stream(user, await makeVideo('320x240'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'processing' });
    const media = await api.settled(user, res.json<{ id: string }>().id);
    expect(media).toMatchObject({ status: 'ready', width: 320, height: 240, videoCodec: 'h264' });
    expect(media.durationMs).toBeGreaterThan(500);
    expect(media.variants.map((v) => v.name)).toEqual(['poster']);
  });

  it('refuses a video whose frames exceed MEDIA_MAX_INPUT_PIXELS before decoding it', async () => {
    const user = newUser();
    const res = await stream(user, await makeVideo('640x480'));
    expect(res.statusCode).toBe(201);
    const media = await api.settled(user, res.json<{ id: string }>().id);
    expect(media).toMatchObject({ status: 'failed', failureCode: 'VIDEO_TOO_MANY_PIXELS', variants: [] });
  });
});
