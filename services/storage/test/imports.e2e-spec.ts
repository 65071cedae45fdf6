import { eventually } from '@prodvor/testing';
import { PrismaClient } from '../src/generated/prisma/client';
import { MediaJobsPublisher } from '../src/processing/media-jobs.publisher';
import { jpeg, png } from './support/media-files';
import { probeMediaResults, type MediaProbe } from './support/media-probe';
import { startOriginServer, type OriginServer } from './support/origin-server';
import { storageApi } from './support/storage-api';
import { newUser, startStorageApp, type StorageTestApp } from './support/storage-app';

interface Batch {
  id: string;
  status: string;
  results?: { url: string; status: string; mediaId?: string; code?: string }[];
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
    t = await startStorageApp({
      IMPORT_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32',
      IMPORT_ALLOWED_PORTS: `80,443,${origin.port}`,
      IMPORT_TIMEOUT_MS: '6000',
      IMPORT_URLS_PER_WINDOW: '40',
    });
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
      `http://[::127.0.0.1]:${origin.port}/photo.jpg`,
      `${origin.url}/error-500`,
      `http://127.0.0.1:6379/`,
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
    // Not found, a server error and a silent server look the same: no status to map a network with.
    expect(byUrl(3)).toEqual({ url: urls[3], status: 'error', code: 'DOWNLOAD_FAILED' });
    expect(byUrl(13)).toEqual({ url: urls[13], status: 'error', code: 'DOWNLOAD_FAILED' });
    expect(byUrl(4)).toMatchObject({ status: 'error', code: 'UNSUPPORTED_TYPE' });
    expect(byUrl(5)).toMatchObject({ status: 'error', code: 'TOO_LARGE' });
    expect(byUrl(6)).toMatchObject({ status: 'error', code: 'TOO_LARGE' });
    expect(byUrl(7)).toEqual({ url: urls[7], status: 'error', code: 'DOWNLOAD_FAILED' });
    // metadata redirect, link-local, private, IPv6 loopback, IPv4-compatible IPv6, a port not allowed
    for (const i of [8, 9, 10, 11, 12, 14]) expect(byUrl(i), urls[i]).toMatchObject({ code: 'FORBIDDEN_ADDRESS' });

    const photo = (await api.media(user, byUrl(0).mediaId!)).json();
    expect(photo).toMatchObject({ ownerId: user.id, purpose: 'match_photo', contentType: 'image/jpeg' });
    await eventually(async () => (await api.media(user, byUrl(1).mediaId!)).json().status === 'ready');
    expect((await api.media(user, byUrl(1).mediaId!)).json().contentType).toBe('image/png');

    await probe.waitFor((events) => events.some((e) => e.type === 'media.import.completed' && e.subject === batch.id));
    const completed = probe.received.filter((e) => e.type === 'media.import.completed' && e.subject === batch.id);
    expect(completed).toHaveLength(1);
    expect(completed[0].data).toEqual({ batchId: batch.id, requestedBy: user.id, results: batch.results });
  });

  /** Makes the publisher refuse the first message of `type` (as a broker refusing it would); the rest pass. */
  const failFirstPublish = (type: string) => {
    const publisher = t.app.get(MediaJobsPublisher);
    const original = publisher.publish.bind(publisher);
    let failed = false;
    return vi.spyOn(publisher, 'publish').mockImplementation((...args: Parameters<typeof original>) => {
      if (args[0] !== type || failed) return original(...args);
      failed = true;
      return Promise.reject(new Error('broker refused the message'));
    });
  };
  const importBatch = async (user: ReturnType<typeof newUser>, urls: string[], purpose = 'match_photo') => {
    const res = await api.call(user, 'POST', '/api/v1/imports', { purpose, urls });
    expect(res.statusCode).toBe(202);
    return finished(user, res.json().id);
  };
  const setUsage = (ownerId: string, bytes: bigint, objects: number) =>
    t.app.get(PrismaClient).storageUsage.upsert({
      where: { ownerId },
      create: { ownerId, bytes, objects },
      update: { bytes, objects },
    });

  it('sends media.import.completed from the stored results when its first publish failed', async () => {
    const spy = failFirstPublish('media.import.completed');
    try {
      const user = newUser();
      const batch = await importBatch(user, [`${origin.url}/photo.jpg`]);
      await probe.waitFor(
        (events) => events.some((e) => e.type === 'media.import.completed' && e.subject === batch.id),
        15_000,
      );
      const sent = probe.received.filter((e) => e.type === 'media.import.completed' && e.subject === batch.id);
      expect(sent[0].data).toEqual({ batchId: batch.id, requestedBy: user.id, results: batch.results });
      expect(spy.mock.calls.filter((call) => call[0] === 'media.import.completed').length).toBeGreaterThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('retries the job when queuing processing fails, and the retry queues the stored media again', async () => {
    const spy = failFirstPublish('media.process');
    try {
      const user = newUser();
      const batch = await importBatch(user, [`${origin.url}/photo.jpg`]);
      // Not a download error: the file is there, only its job was lost (and made up by the retry).
      expect(batch.results![0]).toMatchObject({ status: 'ok', mediaId: expect.any(String) });
      await eventually(async () => (await api.media(user, batch.results![0].mediaId!)).json().status === 'ready');
      expect(spy.mock.calls.filter((call) => call[0] === 'media.process').length).toBeGreaterThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('checks the quota before downloading and bounds each download by the quota left', async () => {
    const full = newUser();
    await setUsage(full.id, 0n, 2000);
    const before = origin.hits.get('/photo.jpg') ?? 0;
    const refused = await importBatch(full, [`${origin.url}/photo.jpg`]);
    expect(refused.results![0]).toMatchObject({ status: 'error', code: 'QUOTA_EXCEEDED' });
    expect(origin.hits.get('/photo.jpg') ?? 0).toBe(before);

    const nearlyFull = newUser();
    const fiveGiB = 5n * 1024n * 1024n * 1024n;
    await setUsage(nearlyFull.id, fiveGiB - 200n * 1024n, 0);
    // /endless would run to the purpose's 25 MiB; the 200 KiB left end it first. A small file still fits.
    const bounded = await importBatch(nearlyFull, [`${origin.url}/endless`, `${origin.url}/photo.jpg`]);
    expect(bounded.results![0]).toMatchObject({ status: 'error', code: 'QUOTA_EXCEEDED' });
    expect(bounded.results![1]).toMatchObject({ status: 'ok' });
    const usage = (await api.call(nearlyFull, 'GET', '/api/v1/media/usage')).json<{ bytes: number; objects: number }>();
    expect(usage.objects).toBe(1);
    expect(BigInt(usage.bytes)).toBeLessThanOrEqual(fiveGiB);
  });

  it('bounds the URLs one user may import per window (429 IMPORT_RATE_LIMITED), also under parallel requests', async () => {
    const user = newUser();
    // Refused addresses: no download is made, but every URL counts against the budget (40 here).
    const urls = Array.from({ length: 15 }, (_, i) => `http://10.0.0.1/${i}.jpg`);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.call(user, 'POST', '/api/v1/imports', { purpose: 'match_photo', urls })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 202, 429, 429]);
    const refused = answers.find((a) => a.statusCode === 429)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, code: 'IMPORT_RATE_LIMITED' });
    // What is left of the budget can still be used; another user has their own.
    const rest = urls.slice(0, 10);
    expect((await api.call(user, 'POST', '/api/v1/imports', { purpose: 'match_photo', urls: rest })).statusCode).toBe(
      202,
    );
    expect(
      (await api.call(user, 'POST', '/api/v1/imports', { purpose: 'match_photo', urls: ['http://10.0.0.1/x'] }))
        .statusCode,
    ).toBe(429);
    expect((await api.call(newUser(), 'POST', '/api/v1/imports', { purpose: 'match_photo', urls })).statusCode).toBe(
      202,
    );
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
