import { eventually } from '@prodvor/testing';
import { jpeg, png } from './support/media-files';
import { probeMediaResults, type MediaProbe } from './support/media-probe';
import { startOriginServer, type OriginServer } from './support/origin-server';
import { storageApi } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp } from './support/storage-app';

interface Batch {
  id: string;
  status: string;
  results?: { url: string; status: string; mediaId?: string; code?: string; httpStatus?: number }[];
}

describe('URL imports', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;
  let origin: OriginServer;
  let probe: MediaProbe;

  beforeAll(async () => {
    origin = await startOriginServer({ jpeg: await jpeg(400, 300), png: await png(64, 64) });
    // The local origin server lives on 127.0.0.1: only this test app allows that range. The deadline leaves
    // a busy machine time to stream 25 MiB of /endless into s3rver (TOO_LARGE) before /slow times out.
    t = await startStorageApp({ IMPORT_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32', IMPORT_TIMEOUT_MS: '6000' });
    api = storageApi(t.app);
    probe = await probeMediaResults(t.vhost.url);
  });

  afterAll(async () => {
    await probe?.stop();
    await t?.close();
    await origin?.stop();
  });

  const finished = async (user: ReturnType<typeof newUser>, id: string): Promise<Batch> => {
    let batch: Batch | undefined;
    await eventually(async () => {
      batch = (await api.call(user, 'GET', `/api/v1/imports/${id}`)).json<Batch>();
      return batch.status === 'completed';
    });
    return batch!;
  };

  it('imports a batch with per-file results and one media.import.completed message', async () => {
    const user = newUser();
    const urls = [
      `${origin.url}/photo.jpg`,
      `${origin.url}/logo.png`,
      `${origin.url}/redirect-ok`,
      `${origin.url}/missing`,
      `${origin.url}/page.html`,
      `${origin.url}/declared-huge`,
      `${origin.url}/endless`,
      `${origin.url}/slow`,
      `${origin.url}/redirect-metadata`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/photo.jpg',
      `http://[::1]:${origin.port}/photo.jpg`,
    ];
    const res = await api.call(user, 'POST', '/api/v1/imports', { purpose: 'match_photo', urls });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', urlCount: urls.length });
    const batch = await finished(user, res.json().id);
    const byUrl = (i: number) => batch.results![i];
    expect(batch.results!.map((r) => r.url)).toEqual(urls);
    expect(byUrl(0)).toMatchObject({ status: 'ok', mediaId: expect.any(String) });
    expect(byUrl(1)).toMatchObject({ status: 'ok' });
    expect(byUrl(2)).toMatchObject({ status: 'ok' });
    expect(byUrl(3)).toEqual({ url: urls[3], status: 'error', code: 'DOWNLOAD_HTTP_ERROR', httpStatus: 404 });
    expect(byUrl(4)).toMatchObject({ status: 'error', code: 'UNSUPPORTED_TYPE' });
    expect(byUrl(5)).toMatchObject({ status: 'error', code: 'TOO_LARGE' });
    expect(byUrl(6)).toMatchObject({ status: 'error', code: 'TOO_LARGE' });
    expect(byUrl(7)).toMatchObject({ status: 'error', code: 'TIMEOUT' });
    for (const i of [8, 9, 10, 11]) expect(byUrl(i), urls[i]).toMatchObject({ code: 'FORBIDDEN_ADDRESS' });

    const photo = (await api.media(user, byUrl(0).mediaId!)).json();
    expect(photo).toMatchObject({ ownerId: user.id, purpose: 'match_photo', contentType: 'image/jpeg' });
    await eventually(async () => (await api.media(user, byUrl(1).mediaId!)).json().status === 'ready');
    expect((await api.media(user, byUrl(1).mediaId!)).json().contentType).toBe('image/png');

    await probe.waitFor((events) => events.some((e) => e.type === 'media.import.completed' && e.subject === batch.id));
    const completed = probe.received.filter((e) => e.type === 'media.import.completed' && e.subject === batch.id);
    expect(completed).toHaveLength(1);
    expect(completed[0].data).toEqual({ batchId: batch.id, requestedBy: user.id, results: batch.results });
  });

  it('validates the batch and shows it only to the requester', async () => {
    const user = newUser();
    const tooMany = Array.from({ length: 101 }, (_, i) => `${origin.url}/photo.jpg?${i}`);
    expect((await api.call(user, 'POST', '/api/v1/imports', { purpose: 'avatar', urls: tooMany })).statusCode).toBe(
      400,
    );
    expect(
      (
        await api.call(user, 'POST', '/api/v1/imports', { purpose: 'avatar', urls: ['ftp://example.com/a.jpg'] })
      ).json(),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await api.call(user, 'POST', '/api/v1/imports', { purpose: 'avatar', urls: [] })).statusCode).toBe(400);
    expect((await api.call(undefined, 'POST', '/api/v1/imports', { purpose: 'avatar', urls: [] })).statusCode).toBe(
      401,
    );
    const res = await api.call(user, 'POST', '/api/v1/imports', {
      purpose: 'avatar',
      urls: [`${origin.url}/photo.jpg`],
    });
    expect((await api.call(newUser(), 'GET', `/api/v1/imports/${res.json().id}`)).statusCode).toBe(404);
    expect((await finished(user, res.json().id)).results![0]).toMatchObject({ status: 'ok' });
  });
});
