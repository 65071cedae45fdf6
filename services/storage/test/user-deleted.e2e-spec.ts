import { S3Client } from '@aws-sdk/client-s3';
import { createEnvelope, Topics } from '@prodvor/contracts';
import { eventually, produce } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { jpeg, mp4, png } from './support/media-files';
import { FORM_CONTENT_TYPE, form } from './support/multipart';
import { UploadSweeper } from '../src/uploads/upload-sweeper';
import { keysUnder } from './support/s3-objects';
import { storageApi } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp, type TestUser } from './support/storage-app';

const MiB = 1024 * 1024;

describe('user.deleted', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;
  const moderator = newUser(['player', 'moderator']);

  beforeAll(async () => {
    t = await startStorageApp({
      MULTIPART_THRESHOLD_BYTES: String(6 * MiB),
      MULTIPART_PART_SIZE_BYTES: String(5 * MiB),
    });
    api = storageApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const userDeleted = (userId: string) =>
    createEnvelope({
      type: 'user.deleted',
      producer: 'user',
      subject: userId,
      correlationId: `test-${randomUUID()}`,
      data: { userId },
    });

  const allKeys = async (user: TestUser) =>
    (
      await Promise.all(
        ['avatar', 'team_logo', 'match_photo', 'match_video', 'chat_attachment'].map((p) =>
          keysUnder(t.s3Client, `${p}/${user.id}/`),
        ),
      )
    ).flat();

  const usage = async (user: TestUser): Promise<{ bytes: number; objects: number }> =>
    (await api.call(user, 'GET', '/api/v1/media/usage')).json();

  it('removes every object, open upload, media record, share link and the usage of the user, once', async () => {
    const user = newUser();
    const bystander = newUser();
    const avatar = await api.upload(user, 'avatar', 'image/jpeg', await jpeg(500, 400));
    await eventually(async () => (await api.media(user, avatar.id)).json<{ status: string }>().status === 'ready');
    const streamed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/uploads/stream?purpose=chat_attachment',
      headers: { ...user.headers, 'content-type': FORM_CONTENT_TYPE },
      payload: form('video/mp4', mp4(300_000)),
    });
    expect(streamed.statusCode).toBe(201);
    const link = (
      await api.call(user, 'POST', '/api/v1/share-links', {
        mediaId: avatar.id,
        expiresInSeconds: 600,
        maxDownloads: 5,
      })
    ).json<{ url: string }>();
    // Uploaded but never completed, and a multipart upload with one part sent.
    const pending = await api.ticket(user, 'match_photo', 'image/png', (await png()).length);
    expect(await api.put(pending, await png())).toBe(200);
    const video = await api.ticket(user, 'match_video', 'video/mp4', 12 * MiB);
    const { parts } = (await api.call(user, 'POST', `/api/v1/uploads/${video.id}/parts`, { partNumbers: [1] })).json<{
      parts: { url: string }[];
    }>();
    expect((await fetch(parts[0].url, { method: 'PUT', body: mp4(5 * MiB) })).status).toBe(200);
    const kept = await api.upload(bystander, 'avatar', 'image/png', await png());
    expect((await allKeys(user)).length).toBeGreaterThanOrEqual(4);
    // A presigned PUT writes staging/{uploadId}, outside the user's prefixes: the sweep removes it.
    expect(await keysUnder(t.s3Client, `staging/${pending.id}`)).toEqual([`staging/${pending.id}`]);

    const send = vi.spyOn(S3Client.prototype, 'send');
    const deleted = userDeleted(user.id);
    await produce(t.kafka, Topics.userEvents, user.id, deleted);

    await eventually(async () => (await api.media(moderator, avatar.id)).statusCode === 404);
    // a chat attachment: moderators never read it by role, so its owner's view is what tells it is gone
    expect((await api.media(user, streamed.json<{ id: string }>().id)).statusCode).toBe(404);
    expect(await allKeys(user)).toEqual([]);
    const aborted = send.mock.calls.map(([c]) => c as { constructor: { name: string }; input: { Key?: string } });
    expect(aborted.some((c) => c.constructor.name === 'AbortMultipartUploadCommand' && c.input.Key === video.key)).toBe(
      true,
    );
    expect(await usage(user)).toMatchObject({ bytes: 0, objects: 0 });
    expect((await api.call(undefined, 'GET', link.url)).statusCode).toBe(404);
    expect((await api.complete(user, pending.id)).statusCode).toBe(404);
    await t.app.get(UploadSweeper).sweep();
    expect(await keysUnder(t.s3Client, `staging/${pending.id}`)).toEqual([]);
    expect((await api.media(bystander, kept.id)).statusCode).toBe(200);
    expect(await usage(bystander)).toMatchObject({ objects: 1 });

    // The same account id uploads again; a redelivery of the old event must not remove it.
    const again = await api.upload(user, 'chat_attachment', 'image/png', await png());
    await produce(t.kafka, Topics.userEvents, user.id, deleted);
    // Same key, same partition: once this marker is handled, the redelivery before it was too.
    const other = newUser();
    const marker = await api.upload(other, 'chat_attachment', 'image/png', await png());
    await produce(t.kafka, Topics.userEvents, user.id, userDeleted(other.id));
    await eventually(async () => (await api.media(other, marker.id)).statusCode === 404);
    expect((await api.media(user, again.id)).statusCode).toBe(200);
    expect(await usage(user)).toMatchObject({ objects: 1 });
  });

  it('skips other user events and is not confused by them', async () => {
    const user = newUser();
    const media = await api.upload(user, 'chat_attachment', 'image/png', await png());
    const registered = createEnvelope({
      type: 'user.registered',
      producer: 'user',
      subject: user.id,
      correlationId: 'test-registered',
      data: { userId: user.id, username: 'someone' },
    });
    await produce(t.kafka, Topics.userEvents, user.id, registered);
    const marker = newUser();
    const markerMedia = await api.upload(marker, 'chat_attachment', 'image/png', await png());
    await produce(t.kafka, Topics.userEvents, user.id, userDeleted(marker.id));
    await eventually(async () => (await api.media(marker, markerMedia.id)).statusCode === 404);
    expect((await api.media(user, media.id)).statusCode).toBe(200);
  });
});
