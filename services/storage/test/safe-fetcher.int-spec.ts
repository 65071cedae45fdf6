import type { LookupAddress } from 'node:dns';
import { createServer, type AddressInfo } from 'node:net';
import { buffer, text } from 'node:stream/consumers';
import { parseCidrs, SafeFetcher, type Resolve } from '@prodvor/platform';
import { importErrorOf, type ImportError } from '../src/imports/import-error';
import { jpeg, png } from './support/media-files';
import { startOriginServer, type OriginServer } from './support/origin-server';

/** A resolver with fixed answers for made-up names, the system resolver for the rest. */
const fakeDns =
  (answers: Record<string, string[]>): Resolve =>
  async (hostname) => {
    const list = answers[hostname];
    if (!list) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return list.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const DNS = fakeDns({
  'metadata.test': ['169.254.169.254'],
  'intranet.test': ['10.1.2.3'],
  'loopback6.test': ['::1'],
  'rebind.test': ['93.184.215.14', '127.0.0.1'],
  'origin.test': ['127.0.0.1'],
});

async function failure(fetcher: SafeFetcher, url: string, timeoutMs = 5_000): Promise<ImportError> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const file = await fetcher.fetch(url, signal);
    await text(file.body);
  } catch (error) {
    return importErrorOf(fetcher.translate(error, signal));
  }
  throw new Error(`${url} was fetched`);
}

describe('SafeFetcher (SSRF guard) against a local origin server', () => {
  let origin: OriginServer;
  let strict: SafeFetcher;
  let testOnly: SafeFetcher;

  beforeAll(async () => {
    origin = await startOriginServer({ jpeg: await jpeg(64, 64), png: await png(32, 32) });
    // The origin's port is allowed here, so these fetchers test the address policy alone.
    const allowedPorts = [80, 443, origin.port];
    strict = new SafeFetcher({ allowed: [], timeoutMs: 2_000, maxRedirects: 3, resolve: DNS, allowedPorts });
    testOnly = new SafeFetcher({
      allowed: parseCidrs(['127.0.0.1/32']),
      timeoutMs: 1_000,
      maxRedirects: 3,
      resolve: DNS,
      allowedPorts,
    });
  });

  afterAll(async () => {
    await strict?.close();
    await testOnly?.close();
    await origin?.stop();
  });

  it('refuses loopback, private, link-local and IPv6 loopback addresses by default, without connecting', async () => {
    const before = origin.hits.get('/photo.jpg') ?? 0;
    for (const url of [
      `${origin.url}/photo.jpg`,
      `http://127.0.0.1:${origin.port}/photo.jpg`,
      'http://10.0.0.1/photo.jpg',
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${origin.port}/photo.jpg`,
      `http://[::ffff:127.0.0.1]:${origin.port}/photo.jpg`,
      `http://[::127.0.0.1]:${origin.port}/photo.jpg`,
      `http://[::ffff:7f00:1]:${origin.port}/photo.jpg`,
      `http://[64:ff9b::7f00:1]:${origin.port}/photo.jpg`,
      `http://origin.test:${origin.port}/photo.jpg`,
      'http://metadata.test/latest/meta-data/',
      'http://intranet.test/',
      'http://loopback6.test/',
      'http://rebind.test/',
    ]) {
      expect((await failure(strict, url)).code, url).toBe('FORBIDDEN_ADDRESS');
    }
    expect(origin.hits.get('/photo.jpg') ?? 0).toBe(before);
  });

  it('refuses localhost through the real system resolver', async () => {
    const system = new SafeFetcher({ allowed: [], timeoutMs: 2_000, maxRedirects: 3 });
    try {
      expect((await failure(system, `http://localhost:${origin.port}/photo.jpg`)).code).toBe('FORBIDDEN_ADDRESS');
    } finally {
      await system.close();
    }
  });

  it('refuses schemes other than http and https, and URLs with credentials', async () => {
    for (const url of ['ftp://example.com/a.jpg', 'file:///etc/passwd', 'gopher://x/', 'http://u:p@example.com/']) {
      expect((await failure(strict, url)).code, url).toBe('INVALID_URL');
    }
  });

  it('fetches from an allowed (test-only) range and follows a redirect there', async () => {
    const file = await testOnly.fetch(`http://origin.test:${origin.port}/redirect-ok`, AbortSignal.timeout(5_000));
    expect(file.finalUrl).toBe(`http://origin.test:${origin.port}/photo.jpg`);
    expect(file.contentLength).toBeGreaterThan(100);
    expect((await buffer(file.body)).length).toBe(file.contentLength);
  });

  it('checks every redirect target again and bounds the number of redirects', async () => {
    expect((await failure(testOnly, `${origin.url}/redirect-metadata`)).code).toBe('FORBIDDEN_ADDRESS');
    expect((await failure(testOnly, `${origin.url}/redirect-loop`)).code).toBe('DOWNLOAD_FAILED');
  });

  it('allows only ports 80 and 443 unless configured, redirects included', async () => {
    const defaults = new SafeFetcher({ allowed: parseCidrs(['127.0.0.1/32']), timeoutMs: 1_000, maxRedirects: 3 });
    const before = origin.hits.get('/photo.jpg') ?? 0;
    try {
      for (const url of [
        `${origin.url}/photo.jpg`,
        'http://127.0.0.1:6379/',
        'https://127.0.0.1:22/',
        'http://127.0.0.1:0/',
      ])
        expect((await failure(defaults, url)).code, url).toBe('FORBIDDEN_ADDRESS');
    } finally {
      await defaults.close();
    }
    expect(origin.hits.get('/photo.jpg') ?? 0).toBe(before);
    expect((await failure(testOnly, `${origin.url}/redirect-port`)).code).toBe('FORBIDDEN_ADDRESS');
  });

  it('answers one code for refused, silent, non-2xx and redirect-looping servers (no status, no reachability map)', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const fetcher = new SafeFetcher({
      allowed: parseCidrs(['127.0.0.1/32']),
      timeoutMs: 1_000,
      maxRedirects: 3,
      allowedPorts: [origin.port, closedPort],
    });
    try {
      for (const url of [
        `http://127.0.0.1:${closedPort}/photo.jpg`,
        `${origin.url}/missing`,
        `${origin.url}/error-500`,
        `${origin.url}/redirect-loop`,
      ]) {
        const error = await failure(fetcher, url);
        expect({ url, code: error.code }).toEqual({ url, code: 'DOWNLOAD_FAILED' });
        expect(error).not.toHaveProperty('httpStatus');
      }
      expect((await failure(fetcher, `${origin.url}/slow`, 800)).code).toBe('DOWNLOAD_FAILED');
    } finally {
      await fetcher.close();
    }
  });
});
