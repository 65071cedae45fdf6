import { GetObjectCommand } from '@aws-sdk/client-s3';
import { eventually } from '@prodvor/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { PrismaClient } from '../src/generated/prisma/client';
import { VideoTools } from '../src/processing/video-tools';
import { mp4 } from './support/media-files';
import { probeMediaResults, type MediaProbe } from './support/media-probe';
import { keysUnder } from './support/s3-objects';
import { storageApi } from './support/storage-api';
import { BUCKET, newUser, startStorageApp, type StorageTestApp, type TestUser } from './support/storage-app';

const run = promisify(execFile);

describe('video processing worker (ffprobe + ffmpeg)', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;
  let probe: MediaProbe;
  let prisma: PrismaClient;
  let dir: string;
  let video: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'storage-video-'));
    const file = join(dir, 'out.mp4');
    await run('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=10'],
      ...['-pix_fmt', 'yuv420p', '-movflags', '+faststart', file],
    ]);
    video = await readFile(file);
    t = await startStorageApp({ MEDIA_JOB_MAX_ATTEMPTS: '3' });
    api = storageApi(t.app);
    prisma = t.app.get(PrismaClient);
    probe = await probeMediaResults(t.vhost.url);
  });

  afterAll(async () => {
    await probe?.stop();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Uploads through the presigned flow: a completed match video waits for the worker. */
  const uploadAndProcess = async (user: TestUser, body: Buffer): Promise<string> => {
    const created = await api.upload(user, 'match_video', 'video/mp4', body);
    expect(created.status).toBe('processing');
    return created.id;
  };

  it('records duration, size and codec and stores a WebP poster frame (not enlarged)', async () => {
    const user = newUser();
    const id = await uploadAndProcess(user, video);
    const media = await api.settled(user, id);
    expect(media).toMatchObject({ status: 'ready', width: 320, height: 240, contentType: 'video/mp4' });
    expect(media.variants.map(({ name, width, height }) => ({ name, width, height }))).toEqual([
      { name: 'poster', width: 320, height: 240 },
    ]);
    expect(Math.abs((media.durationMs ?? 0) - 2000)).toBeLessThanOrEqual(100);
    expect(media.videoCodec).toBe('h264');

    const key = `match_video/${user.id}/${id}-poster.webp`;
    const out = await t.s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const meta = await sharp(Buffer.from(await out.Body!.transformToByteArray())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 240 });

    // announced once processed, with its poster
    const fromJob = (e: MediaProbe['received'][number]) => e.type === 'media.processed' && e.subject === id;
    await probe.waitFor((events) => events.some(fromJob));
    const processed = probe.received.find(fromJob)!;
    expect((processed.data as { variants: { key: string }[] }).variants.map((v) => v.key)).toEqual([key]);
  });

  it('fails an unreadable "mp4" with VIDEO_CORRUPT after bounded retries (DLQ, media.failed)', async () => {
    const user = newUser();
    // Sniffs as video/mp4 (ftyp box), but everything after it is noise.
    const corrupt = Buffer.concat([mp4(32), randomBytes(50_000)]);
    const id = await uploadAndProcess(user, corrupt);
    const media = await api.settled(user, id);
    expect(media).toMatchObject({ status: 'failed', failureCode: 'VIDEO_CORRUPT', variants: [] });
    await probe.waitFor((events) => events.some((e) => e.type === 'media.failed' && e.subject === id));
    const failed = probe.received.find((e) => e.type === 'media.failed' && e.subject === id)!;
    expect(failed.data).toMatchObject({ mediaId: id, ownerId: user.id, code: 'VIDEO_CORRUPT' });
    let parked: Awaited<ReturnType<MediaProbe['deadLetters']>> = [];
    await eventually(async () => {
      parked = await probe.deadLetters('storage.media-process');
      return parked.some((m) => m.envelope.subject === id);
    });
    expect(parked.find((m) => m.envelope.subject === id)!.headers['x-attempt']).toBe(3);
    expect(await keysUnder(t.s3Client, `match_video/${user.id}/${id}-`)).toEqual([]);
  });

  it('refuses local files and reports an unreachable original as a storage error, not a corrupt video', async () => {
    const tools = new VideoTools();
    // Only network protocols: a crafted input cannot make ffmpeg read the worker's own files.
    await expect(tools.probe(join(dir, 'out.mp4'), 'video/mp4')).rejects.toMatchObject({ code: 'VIDEO_CORRUPT' });
    const frame = tools.frame('http://127.0.0.1:9/missing.mp4', 'video/mp4', 0);
    const read = (async () => {
      for await (const chunk of frame) void chunk;
    })();
    await expect(read).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
  });

  it('without ffprobe keeps a video as it came (ready, type and size only)', async () => {
    const missing = Object.assign(new VideoTools(), { ffprobe: join(dir, 'no-ffprobe') });
    expect(await missing.available()).toBe(false);

    const tools = t.app.get(VideoTools);
    const spy = vi.spyOn(tools, 'available').mockResolvedValue(false);
    try {
      const user = newUser();
      const id = await uploadAndProcess(user, video);
      const media = await api.settled(user, id);
      expect(media).toMatchObject({ status: 'ready', size: video.length, width: null, height: null, variants: [] });
      expect(await prisma.media.findUniqueOrThrow({ where: { id } })).toMatchObject({ durationMs: null });
    } finally {
      spy.mockRestore();
    }
  });
});
