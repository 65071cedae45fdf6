import { checkOpenApiDocument, findRoutesWithoutAccessPolicy } from '@prodvor/platform';
import { join } from 'node:path';
import { jpeg, pdf } from './support/media-files';
import { keysUnder } from './support/s3-objects';
import { storageApi } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp } from './support/storage-app';
import { eventually } from '@prodvor/testing';

describe('media reads, deletion and the API document', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;

  beforeAll(async () => {
    t = await startStorageApp();
    api = storageApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows a chat attachment only to its owner (404 for a stranger) with presigned GETs', async () => {
    const owner = newUser();
    const attachment = await api.upload(owner, 'chat_attachment', 'application/pdf', pdf());
    expect(attachment.status).toBe('ready');
    const own = await api.media(owner, attachment.id);
    expect(own.statusCode).toBe(200);
    const url = new URL(own.json().originalUrl);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(pdf())).toBe(true);

    const stranger = await api.media(newUser(), attachment.id);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json()).toMatchObject({ code: 'MEDIA_NOT_FOUND' });
    // Conversation media: a moderator is no reader by role (chat grants them a room if it wants).
    const moderator = newUser(['player', 'moderator']);
    expect((await api.media(moderator, attachment.id)).statusCode).toBe(404);
    expect((await api.call(moderator, 'DELETE', `/api/v1/media/${attachment.id}`)).statusCode).toBe(404);
    expect((await api.call(undefined, 'GET', `/api/v1/media/${attachment.id}`)).statusCode).toBe(401);
  });

  it('shows ready avatars to any signed-in user, and pending ones only to the owner', async () => {
    const owner = newUser();
    const avatar = await api.upload(owner, 'avatar', 'image/jpeg', await jpeg(300, 300));
    expect((await api.media(newUser(), avatar.id)).statusCode).toBe(404);
    await eventually(async () => (await api.media(owner, avatar.id)).json().status === 'ready');
    const seen = await api.media(newUser(), avatar.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().variants.map((v: { url: string }) => new URL(v.url).pathname)).toHaveLength(2);
  });

  it('lists own media newest first with a cursor, and reports usage', async () => {
    const user = newUser();
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await api.upload(user, 'chat_attachment', 'application/pdf', pdf())).id);
    const first = (await api.call(user, 'GET', '/api/v1/media?limit=2')).json();
    expect(first.items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const second = (await api.call(user, 'GET', `/api/v1/media?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await api.call(user, 'GET', '/api/v1/media?cursor=%%%')).json()).toMatchObject({ code: 'INVALID_CURSOR' });
    // Base64 JSON of the wrong shape (here a non-UUID id) is the client's mistake too, not a uuid cast error.
    for (const cursor of ['eyJpZCI6IngifQ', Buffer.from('{"id":7}').toString('base64url'), 'e30']) {
      const bad = await api.call(user, 'GET', `/api/v1/media?cursor=${cursor}`);
      expect(bad.statusCode, cursor).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    }
    expect((await api.call(user, 'GET', '/api/v1/media/usage')).json()).toMatchObject({
      bytes: 3 * pdf().length,
      objects: 3,
    });
  });

  it('deletes media with its variants for the owner only, releasing the quota', async () => {
    const owner = newUser();
    const avatar = await api.upload(owner, 'avatar', 'image/jpeg', await jpeg(300, 300));
    await eventually(async () => (await api.media(owner, avatar.id)).json().status === 'ready');
    const prefix = `avatar/${owner.id}/${avatar.id}`;
    expect(await keysUnder(t.s3Client, prefix)).toHaveLength(3);
    expect((await api.call(newUser(), 'DELETE', `/api/v1/media/${avatar.id}`)).json()).toMatchObject({
      status: 403,
      code: 'MEDIA_NOT_OWNER',
    });
    expect((await api.call(owner, 'DELETE', `/api/v1/media/${avatar.id}`)).statusCode).toBe(204);
    expect(await keysUnder(t.s3Client, prefix)).toEqual([]);
    expect((await api.media(owner, avatar.id)).statusCode).toBe(404);
    expect((await api.call(owner, 'GET', '/api/v1/media/usage')).json()).toMatchObject({ bytes: 0, objects: 0 });
    expect((await api.call(owner, 'DELETE', `/api/v1/media/${avatar.id}`)).statusCode).toBe(404);
  });

  it('gives every route an access policy and keeps openapi.json current', async () => {
    expect(findRoutesWithoutAccessPolicy(t.app)).toEqual([]);
    const { generated, checkedIn } = await checkOpenApiDocument(t.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });
});
