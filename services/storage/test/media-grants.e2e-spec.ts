import { signMediaGrant } from '@prodvor/platform';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { gpsTagsOf, jpegWithGps } from './support/exif-gps';
import { corruptJpeg, pdf } from './support/media-files';
import { storageApi, type MediaBody } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp, type TestUser } from './support/storage-app';

const MEDIA_GRANT_SECRET = 'storage-test-media-grant-secret-0123456789';

describe('media grants and original privacy', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;

  beforeAll(async () => {
    t = await startStorageApp({ MEDIA_GRANT_SECRET, MEDIA_JOB_MAX_ATTEMPTS: '2' });
    api = storageApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const read = (user: TestUser, mediaId: string, grant?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/media/${mediaId}`,
      headers: { ...user.headers, ...(grant !== undefined ? { 'x-media-grant': grant } : {}) },
    });

  const bytesAt = async (url: string): Promise<Buffer> => Buffer.from(await (await fetch(url)).arrayBuffer());

  /** A grant as chat-service signs it: media, viewer, room, issuer chat. */
  const grantFor = async (mediaId: string, viewer: TestUser, options: { secret?: string; now?: Date } = {}) =>
    (
      await signMediaGrant(
        options.secret ?? MEDIA_GRANT_SECRET,
        { mediaId, viewerId: viewer.id, roomId: randomUUID() },
        300,
        { now: options.now },
      )
    ).grant;

  it('strips GPS from the variants and gives the original only to the owner and moderators', async () => {
    const owner = newUser();
    const photo = await jpegWithGps();
    expect(await gpsTagsOf(photo)).toEqual([1, 2, 3, 4]); // the fixture does carry a position
    const created = await api.upload(owner, 'match_photo', 'image/jpeg', photo);
    expect((await api.settled(owner, created.id)).status).toBe('ready');

    const own = (await api.media(owner, created.id)).json<MediaBody>();
    expect(await gpsTagsOf(await bytesAt(own.originalUrl!))).toEqual([1, 2, 3, 4]);
    for (const variant of own.variants) {
      const bytes = await bytesAt(variant.url!);
      expect((await sharp(bytes).metadata()).format).toBe('webp');
      expect(await gpsTagsOf(bytes)).toBeNull();
    }
    expect((await api.media(newUser(['moderator']), created.id)).json().originalUrl).toEqual(expect.any(String));
    expect((await api.media(newUser(['admin']), created.id)).json().originalUrl).toEqual(expect.any(String));

    const other = await api.media(newUser(), created.id);
    expect(other.statusCode).toBe(200);
    expect(other.json().originalUrl).toBeUndefined();
    expect(other.json().variants).toHaveLength(2);
    expect(other.json().variants.every((v: { url?: string }) => v.url)).toBe(true);
  });

  it('lets a grant holder read a chat attachment image (variants only); anything else is a stranger', async () => {
    const [owner, member, stranger] = [newUser(), newUser(), newUser()];
    const created = await api.upload(owner, 'chat_attachment', 'image/jpeg', await jpegWithGps());
    expect((await api.settled(owner, created.id)).status).toBe('ready');
    const other = await api.upload(owner, 'chat_attachment', 'application/pdf', pdf());

    const granted = await read(member, created.id, await grantFor(created.id, member));
    expect(granted.statusCode).toBe(200);
    expect(granted.json().originalUrl).toBeUndefined();
    expect(granted.json().variants.map((v: { name: string }) => v.name)).toEqual(['preview-320', 'preview-1080']);
    for (const variant of granted.json().variants as { url: string }[])
      expect(await gpsTagsOf(await bytesAt(variant.url))).toBeNull();

    // A moderator gets a direct message's attachment only as its room's readers do: no original.
    const moderator = newUser(['player', 'moderator']);
    expect((await read(moderator, created.id)).statusCode).toBe(404);
    const moderatorGranted = await read(moderator, created.id, await grantFor(created.id, moderator));
    expect(moderatorGranted.statusCode).toBe(200);
    expect(moderatorGranted.json().originalUrl).toBeUndefined();

    const strangerAnswer = await read(member, created.id);
    expect(strangerAnswer.statusCode).toBe(404);
    const refusals = {
      // the member's grant presented by someone else
      otherViewer: await read(stranger, created.id, await grantFor(created.id, member)),
      otherMedia: await read(member, created.id, await grantFor(other.id, member)),
      expired: await read(
        member,
        created.id,
        await grantFor(created.id, member, { now: new Date(Date.now() - 600_000) }),
      ),
      otherSecret: await read(
        member,
        created.id,
        await grantFor(created.id, member, { secret: 'not-the-shared-secret-but-long-enough!!' }),
      ),
      garbage: await read(member, created.id, 'not.a.grant'),
      empty: await read(member, created.id, ''),
    };
    for (const [name, answer] of Object.entries(refusals)) {
      expect({ name, status: answer.statusCode }).toEqual({ name, status: 404 });
      const { correlationId: _a, ...body } = answer.json<Record<string, unknown>>();
      const { correlationId: _b, ...expected } = strangerAnswer.json<Record<string, unknown>>();
      expect(body).toEqual(expected);
    }
  });

  it('serves the original of a non-image attachment to a grant holder, and opens nothing but chat attachments', async () => {
    const [owner, member] = [newUser(), newUser()];
    const document = await api.upload(owner, 'chat_attachment', 'application/pdf', pdf());
    const granted = (await read(member, document.id, await grantFor(document.id, member))).json<MediaBody>();
    expect((await bytesAt(granted.originalUrl!)).equals(pdf())).toBe(true);

    // A processing avatar is the owner's alone: a grant is no key to other purposes.
    const avatar = await api.upload(owner, 'avatar', 'image/jpeg', await jpegWithGps(300, 300));
    expect((await read(member, avatar.id, await grantFor(avatar.id, member))).statusCode).toBe(404);
  });

  it('refuses grants on an instance without MEDIA_GRANT_SECRET', async () => {
    const bare = await startStorageApp();
    try {
      const bareApi = storageApi(bare.app);
      const [owner, member] = [newUser(), newUser()];
      const document = await bareApi.upload(owner, 'chat_attachment', 'application/pdf', pdf());
      const answer = await bare.app.inject({
        method: 'GET',
        url: `/api/v1/media/${document.id}`,
        headers: { ...member.headers, 'x-media-grant': await grantFor(document.id, member) },
      });
      expect(answer.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('shares an image as its largest stripped variant, never the original', async () => {
    const owner = newUser();
    const created = await api.upload(owner, 'chat_attachment', 'image/jpeg', await jpegWithGps());
    const media = await api.settled(owner, created.id);
    const largest = media.variants.find((v) => v.name === 'preview-1080')!;
    const share = async (mediaId: string) =>
      (await api.call(owner, 'POST', '/api/v1/share-links', { mediaId, maxDownloads: 5, expiresInSeconds: 600 })).json<{
        url: string;
      }>();
    const link = await share(created.id);

    const head = await t.app.inject({ method: 'HEAD', url: link.url });
    expect(head.headers['content-length']).toBe(String(largest.bytes));
    const whole = await t.app.inject({ method: 'GET', url: link.url });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('image/webp');
    expect(whole.headers['content-disposition']).toBe(`attachment; filename="${created.id}.webp"`);
    expect(whole.rawPayload.length).toBe(largest.bytes);
    expect(await sharp(whole.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 1080 });
    expect(await gpsTagsOf(whole.rawPayload)).toBeNull();
    const part = await t.app.inject({ method: 'GET', url: link.url, headers: { range: 'bytes=0-11' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-11/${largest.bytes}`);
    expect(part.rawPayload.toString('latin1', 8, 12)).toBe('WEBP');

    // An image whose variants could not be made has nothing shareable: never its original.
    const broken = await api.upload(owner, 'chat_attachment', 'image/jpeg', corruptJpeg());
    expect((await api.settled(owner, broken.id)).status).toBe('failed');
    const brokenLink = await share(broken.id);
    expect((await t.app.inject({ method: 'GET', url: brokenLink.url })).json()).toMatchObject({
      status: 409,
      code: 'MEDIA_NOT_READY',
    });
  });
});
