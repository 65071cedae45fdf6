import { mp4 } from './support/media-files';
import { FORM_CONTENT_TYPE, form } from './support/multipart';
import { keysUnder } from './support/s3-objects';
import { storageApi } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp, type TestUser } from './support/storage-app';

describe('per-user quota', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;

  beforeAll(async () => {
    t = await startStorageApp({ QUOTA_OBJECTS_PER_USER: '3', QUOTA_BYTES_PER_USER: '1000000' });
    api = storageApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const usage = async (user: TestUser): Promise<{ bytes: number; objects: number; maxObjects: number }> =>
    (await api.call(user, 'GET', '/api/v1/media/usage')).json();

  it('never lets parallel presigns pass the object limit, and an abort gives the room back', async () => {
    const user = newUser();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.presign(user, 'chat_attachment', 'application/pdf', 1000)),
    );
    const created = answers.filter((res) => res.statusCode === 201);
    expect(created).toHaveLength(3);
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'MEDIA_QUOTA_EXCEEDED' });
    }
    expect(await usage(user)).toEqual({ bytes: 3000, objects: 3, maxBytes: 1_000_000, maxObjects: 3 });

    const { id } = created[0].json<{ id: string }>();
    expect((await api.call(user, 'DELETE', `/api/v1/uploads/${id}`)).statusCode).toBe(204);
    expect((await api.presign(user, 'chat_attachment', 'application/pdf', 1000)).statusCode).toBe(201);
    // Other users have their own quota.
    expect((await api.presign(newUser(), 'chat_attachment', 'application/pdf', 1000)).statusCode).toBe(201);
  });

  it('refuses bytes beyond the limit, on presign and on the streaming path (nothing left in S3)', async () => {
    const user = newUser();
    expect((await api.presign(user, 'match_photo', 'image/jpeg', 600_000)).statusCode).toBe(201);
    expect((await api.presign(user, 'match_photo', 'image/jpeg', 600_000)).json()).toMatchObject({
      status: 422,
      code: 'MEDIA_QUOTA_EXCEEDED',
    });
    expect((await api.presign(user, 'match_photo', 'image/jpeg', 400_000)).statusCode).toBe(201);

    const streamer = newUser();
    expect((await api.presign(streamer, 'match_photo', 'image/jpeg', 900_000)).statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/uploads/stream?purpose=chat_attachment',
      headers: { ...streamer.headers, 'content-type': FORM_CONTENT_TYPE },
      payload: form('video/mp4', mp4(200_000)),
    });
    expect(res.json()).toMatchObject({ status: 422, code: 'MEDIA_QUOTA_EXCEEDED' });
    expect(await keysUnder(t.s3Client, `chat_attachment/${streamer.id}/`)).toEqual([]);
    expect(await usage(streamer)).toMatchObject({ bytes: 900_000, objects: 1 });
  });
});
