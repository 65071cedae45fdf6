import { eventually } from '@prodvor/testing';
import { jpeg, mp4, pdf } from './support/media-files';
import { storageApi, type MediaBody } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp, type TestUser } from './support/storage-app';

describe('share links', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;

  beforeAll(async () => {
    t = await startStorageApp({ SHARE_LINK_MAX_DOWNLOADS: '1000', SHARE_LINK_MAX_TTL_SECONDS: '86400' });
    api = storageApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const share = async (user: TestUser, mediaId: string, maxDownloads = 5, expiresInSeconds = 3600) => {
    const res = await api.call(user, 'POST', '/api/v1/share-links', { mediaId, maxDownloads, expiresInSeconds });
    if (res.statusCode !== 201) throw new Error(`share: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; url: string; expiresAt: string }>();
  };
  const download = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    t.app.inject({ method, url, headers });

  let video: MediaBody;
  let owner: TestUser;
  const file = mp4(300_000);

  beforeAll(async () => {
    owner = newUser();
    // a chat attachment video is ready at once (match videos wait for the worker's probe)
    video = await api.upload(owner, 'chat_attachment', 'video/mp4', file);
  });

  it('downloads the file anonymously by token, whole or by byte range, HEAD not counted', async () => {
    const link = await share(owner, video.id, 3);
    expect(link.url).toMatch(/^\/api\/v1\/share\/[A-Za-z0-9_-]{43}$/);
    const head = await download(link.url, {}, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(file.length));

    const whole = await download(link.url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(file)).toBe(true);

    const part = await download(link.url, { range: 'bytes=100-199' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${file.length}`);
    expect(part.rawPayload.equals(file.subarray(100, 200))).toBe(true);

    const unsatisfiable = await download(link.url, { range: `bytes=${file.length}-` });
    expect(unsatisfiable.statusCode).toBe(416);
    expect(unsatisfiable.headers['content-range']).toBe(`bytes */${file.length}`);

    const list = await api.call(owner, 'GET', `/api/v1/share-links?mediaId=${video.id}`);
    // The whole file counted; the range from byte 100 continued it; HEAD and the refused range did not.
    expect(list.json().items.find((l: { id: string }) => l.id === link.id)).toMatchObject({ downloads: 1 });
    expect(list.json().items[0].url).toBeUndefined();
  });

  it('counts a download where it starts: ranges from a later offset (a player seeking) consume nothing', async () => {
    const link = await share(owner, video.id, 1);
    const first = await download(link.url, { range: 'bytes=0-1023' });
    expect(first.statusCode).toBe(206);
    // The limit is reached, yet the player may still fetch the rest of the file it started.
    for (const range of ['bytes=1024-65535', `bytes=200000-`, 'bytes=-1000']) {
      const part = await download(link.url, { range });
      expect(part.statusCode, range).toBe(206);
    }
    const rest = await download(link.url, { range: 'bytes=1024-' });
    expect(Buffer.concat([first.rawPayload, rest.rawPayload]).equals(file)).toBe(true);
    const links = (await api.call(owner, 'GET', `/api/v1/share-links?mediaId=${video.id}`)).json();
    expect(links.items.find((l: { id: string }) => l.id === link.id)).toMatchObject({ downloads: 1 });
    // Starting again is a new download.
    expect((await download(link.url)).json()).toMatchObject({ status: 410, code: 'SHARE_LINK_EXHAUSTED' });
    expect((await download(link.url, { range: 'bytes=0-' })).statusCode).toBe(410);

    // A later offset before anything was counted counts as the first download.
    const fresh = await share(owner, video.id, 1);
    expect((await download(fresh.url, { range: 'bytes=5000-5999' })).statusCode).toBe(206);
    expect((await download(fresh.url)).statusCode).toBe(410);
  });

  it('refuses every new downloader of an exhausted link, wherever their range starts, and counts a start at byte 1', async () => {
    const other = (n: number) => ({ 'user-agent': `downloader-${n}`, range: 'bytes=1-' });
    const link = await share(owner, video.id, 1);
    // Someone else's first request, from byte 1: it is a download and it is counted.
    const taken = await t.app.inject({ method: 'GET', url: link.url, headers: other(1), remoteAddress: '203.0.113.1' });
    expect(taken.statusCode).toBe(206);
    expect(taken.rawPayload.equals(file.subarray(1))).toBe(true);
    const links = (await api.call(owner, 'GET', `/api/v1/share-links?mediaId=${video.id}`)).json();
    expect(links.items.find((l: { id: string }) => l.id === link.id)).toMatchObject({ downloads: 1 });
    // Exhausted: nobody new gets any part of the file, not from byte 0, 1 or the end.
    for (const [n, range] of [
      [2, 'bytes=1-'],
      [3, 'bytes=1000-1999'],
      [4, 'bytes=-100'],
      [5, 'bytes=0-'],
    ] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: link.url,
        headers: { 'user-agent': `downloader-${n}`, range },
        remoteAddress: `203.0.113.${n}`,
      });
      expect(res.statusCode, range).toBe(410);
      expect(res.json()).toMatchObject({ code: 'SHARE_LINK_EXHAUSTED' });
    }
    // The client whose download it is may still seek in it.
    const seek = await t.app.inject({
      method: 'GET',
      url: link.url,
      headers: { ...other(1), range: 'bytes=200000-' },
      remoteAddress: '203.0.113.1',
    });
    expect(seek.statusCode).toBe(206);
  });

  it('counts exactly under 20 parallel downloads: the limit succeed, the rest are 410', async () => {
    const link = await share(owner, video.id, 7);
    const results = await Promise.all(Array.from({ length: 20 }, () => download(link.url)));
    const ok = results.filter((r) => r.statusCode === 200);
    const gone = results.filter((r) => r.statusCode === 410);
    expect(ok).toHaveLength(7);
    expect(gone).toHaveLength(13);
    for (const r of ok) expect(r.rawPayload.length).toBe(file.length);
    expect(gone[0].json()).toMatchObject({ code: 'SHARE_LINK_EXHAUSTED' });
    expect(gone[0].headers['content-type']).toContain('application/problem+json');
  });

  it('answers 410 after expiry or revocation and 404 for an unknown token', async () => {
    const link = await share(owner, video.id, 5, 60);
    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(Date.now() + 61_000));
    expect((await download(link.url)).json()).toMatchObject({ status: 410, code: 'SHARE_LINK_EXPIRED' });
    vi.restoreAllMocks();

    const revoked = await share(owner, video.id);
    expect((await api.call(newUser(), 'DELETE', `/api/v1/share-links/${revoked.id}`)).statusCode).toBe(404);
    expect((await api.call(owner, 'DELETE', `/api/v1/share-links/${revoked.id}`)).statusCode).toBe(204);
    expect((await download(revoked.url)).json()).toMatchObject({ status: 410, code: 'SHARE_LINK_REVOKED' });

    expect((await download(`/api/v1/share/${'x'.repeat(43)}`)).statusCode).toBe(404);
    expect((await download('/api/v1/share/short')).statusCode).toBe(404);
  });

  it("refuses to share someone else's media and limits beyond the configured maximum", async () => {
    const attachment = await api.upload(owner, 'chat_attachment', 'application/pdf', pdf());
    const stranger = newUser();
    const body = { mediaId: attachment.id, maxDownloads: 1, expiresInSeconds: 600 };
    expect((await api.call(stranger, 'POST', '/api/v1/share-links', body)).json()).toMatchObject({
      code: 'MEDIA_NOT_FOUND',
    });
    // an avatar any signed-in user may see once processed, but only its owner may share
    const visible = await api.upload(owner, 'avatar', 'image/jpeg', await jpeg(64, 64));
    await eventually(async () => (await api.media(owner, visible.id)).json<MediaBody>().status === 'ready');
    const notOwner = await api.call(stranger, 'POST', '/api/v1/share-links', { ...body, mediaId: visible.id });
    expect(notOwner.statusCode).toBe(403);
    expect((await api.call(stranger, 'GET', `/api/v1/share-links?mediaId=${attachment.id}`)).statusCode).toBe(404);
    // A moderator reads and deletes any media but shares none anonymously: only the owner makes links.
    const moderator = newUser(['player', 'moderator']);
    const byModerator = await api.call(moderator, 'POST', '/api/v1/share-links', { ...body, mediaId: visible.id });
    expect(byModerator.statusCode).toBe(403);
    expect(byModerator.json()).toMatchObject({ code: 'MEDIA_NOT_OWNER' });
    // and a direct message's attachment is not even visible to them
    expect((await api.call(moderator, 'POST', '/api/v1/share-links', body)).statusCode).toBe(404);
    expect((await api.call(undefined, 'POST', '/api/v1/share-links', body)).statusCode).toBe(401);
    const tooMany = await api.call(owner, 'POST', '/api/v1/share-links', { ...body, maxDownloads: 1001 });
    expect(tooMany.json()).toMatchObject({ status: 422, code: 'SHARE_LINK_LIMIT_TOO_HIGH' });
    const tooLong = await api.call(owner, 'POST', '/api/v1/share-links', { ...body, expiresInSeconds: 86_401 });
    expect(tooLong.json()).toMatchObject({ status: 422, code: 'SHARE_LINK_LIMIT_TOO_HIGH' });
  });
});
