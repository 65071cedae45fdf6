import { GetObjectCommand } from '@aws-sdk/client-s3';
import { eventually } from '@prodvor/testing';
import sharp from 'sharp';
import { corruptJpeg, jpeg, png } from './support/media-files';
import { probeMediaResults, type MediaProbe } from './support/media-probe';
import { keysUnder } from './support/s3-objects';
import { storageApi } from './support/storage-api';
import { MediaProcessingService } from '../src/processing/media-processing.service';
import { BUCKET, newUser, startStorageApp, type StorageTestApp } from './support/storage-app';

describe('media processing worker', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;
  let probe: MediaProbe;

  beforeAll(async () => {
    t = await startStorageApp({ MEDIA_MAX_INPUT_PIXELS: String(3_000_000), MEDIA_JOB_MAX_ATTEMPTS: '3' });
    api = storageApi(t.app);
    probe = await probeMediaResults(t.vhost.url);
  });

  afterAll(async () => {
    await probe?.stop();
    await t?.close();
  });

  const objectBytes = async (key: string): Promise<Buffer> => {
    const out = await t.s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  };

  it('makes 200×200 and 400×400 WebP avatars, upright and without metadata, and publishes media.processed', async () => {
    const user = newUser();
    // 800×600 stored sideways with EXIF orientation 6: upright it is 600×800.
    const created = await api.upload(user, 'avatar', 'image/jpeg', await jpeg(800, 600));
    expect(created.status).toBe('processing');
    const media = await api.settled(user, created.id);
    expect(media).toMatchObject({ status: 'ready', width: 600, height: 800 });
    expect(media.variants.map(({ name, width, height }) => ({ name, width, height }))).toEqual([
      { name: 'avatar-200', width: 200, height: 200 },
      { name: 'avatar-400', width: 400, height: 400 },
    ]);
    const key = `avatar/${user.id}/${created.id}-avatar-200.webp`;
    const meta = await sharp(await objectBytes(key)).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 200, height: 200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(media.variants[0].url).toContain(encodeURI(key));

    await probe.waitFor((events) => events.some((e) => e.type === 'media.processed' && e.subject === created.id));
    const processed = probe.received.find((e) => e.type === 'media.processed' && e.subject === created.id)!;
    expect(processed.data).toMatchObject({ mediaId: created.id, ownerId: user.id, purpose: 'avatar' });
    expect((processed.data as { variants: { key: string }[] }).variants.map((v) => v.key)).toContain(key);

    // A redelivered job (its media.processed maybe lost) announces the result again and makes nothing new.
    const job = {
      mediaId: created.id,
      ownerId: user.id,
      purpose: 'avatar' as const,
      bucket: BUCKET,
      key: '-',
      contentType: 'image/jpeg',
    };
    await t.app.get(MediaProcessingService).process(job, { attempt: 1, maxAttempts: 3, correlationId: 'redelivered' });
    await probe.waitFor((events) => events.some((e) => e.subject === created.id && e.correlationId === 'redelivered'));
    const again = probe.received.find((e) => e.subject === created.id && e.correlationId === 'redelivered')!;
    expect(again).toMatchObject({ type: 'media.processed', data: processed.data });
    expect(await keysUnder(t.s3Client, `avatar/${user.id}/${created.id}`)).toHaveLength(3);
  });

  it('gives avatar and logo variants a stable anonymous link that redirects to the image; nothing else', async () => {
    const user = newUser();
    const avatar = await api.settled(user, (await api.upload(user, 'avatar', 'image/png', await png(300, 300))).id);
    const visitor = await t.app.inject({ method: 'GET', url: `/api/v1/public-media/${avatar.id}/avatar-200` });
    expect(visitor.statusCode).toBe(302);
    expect(visitor.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const image = await fetch(String(visitor.headers.location));
    expect(image.status).toBe(200);
    expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({
      format: 'webp',
      width: 200,
    });

    // Match photos are for signed-in users; originals are never public; unknown variants and ids are 404 alike.
    const photo = await api.settled(user, (await api.upload(user, 'match_photo', 'image/png', await png(400, 300))).id);
    for (const url of [
      `/api/v1/public-media/${photo.id}/photo-320`,
      `/api/v1/public-media/${avatar.id}/original`,
      `/api/v1/public-media/${avatar.id}/avatar-999`,
      `/api/v1/public-media/00000000-0000-4000-8000-000000000000/avatar-200`,
    ]) {
      const refused = await t.app.inject({ method: 'GET', url });
      expect(refused.statusCode, url).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'MEDIA_NOT_FOUND' });
    }
    const malformed = await t.app.inject({ method: 'GET', url: `/api/v1/public-media/${avatar.id}/..%2Fsecret` });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('scales match photos to 1080 and 320 wide without enlarging small ones', async () => {
    const user = newUser();
    const large = await api.settled(
      user,
      (await api.upload(user, 'match_photo', 'image/png', await png(1600, 1200))).id,
    );
    expect(large.variants.map(({ name, width, height }) => ({ name, width, height }))).toEqual([
      { name: 'photo-320', width: 320, height: 240 },
      { name: 'photo-1080', width: 1080, height: 810 },
    ]);
    const small = await api.settled(user, (await api.upload(user, 'match_photo', 'image/png', await png(500, 400))).id);
    expect(small.variants.find((v) => v.name === 'photo-1080')).toMatchObject({ width: 500, height: 400 });
  });

  it('parks a corrupt image on the DLQ after bounded retries and publishes media.failed', async () => {
    const user = newUser();
    const created = await api.upload(user, 'avatar', 'image/jpeg', corruptJpeg());
    const media = await api.settled(user, created.id);
    expect(media).toMatchObject({ status: 'failed', failureCode: 'IMAGE_CORRUPT', variants: [] });
    await probe.waitFor((events) => events.some((e) => e.type === 'media.failed' && e.subject === created.id));
    const failed = probe.received.find((e) => e.type === 'media.failed' && e.subject === created.id)!;
    expect(failed.data).toMatchObject({ mediaId: created.id, ownerId: user.id, code: 'IMAGE_CORRUPT' });
    let parked: Awaited<ReturnType<MediaProbe['deadLetters']>> = [];
    await eventually(async () => {
      parked = await probe.deadLetters('storage.media-process');
      return parked.some((m) => m.envelope.subject === created.id);
    });
    expect(parked.find((m) => m.envelope.subject === created.id)!.headers['x-attempt']).toBe(3);
    expect(await keysUnder(t.s3Client, `avatar/${user.id}/${created.id}-`)).toEqual([]);
  });

  it('refuses a decompression bomb by its pixel count before decoding it', async () => {
    const user = newUser();
    // 2500×2500 of one colour: a few kilobytes that would decode to 6.25 MP (the limit here is 3 MP).
    const bomb = await png(2500, 2500);
    expect(bomb.length).toBeLessThan(200_000);
    const media = await api.settled(user, (await api.upload(user, 'team_logo', 'image/png', bomb)).id);
    expect(media).toMatchObject({ status: 'failed', failureCode: 'IMAGE_TOO_MANY_PIXELS' });
  });
});
