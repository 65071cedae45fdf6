import { ImportError } from './import-error';
import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { isAllowedAddress, type Cidr } from './address-policy';

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

export interface SafeFetcherOptions {
  /** Private ranges reachable anyway: empty outside tests. */
  allowed: Cidr[];
  timeoutMs: number;
  maxRedirects: number;
  /** Ports a URL (or a redirect) may name; 80 and 443 unless configured. */
  allowedPorts?: readonly number[];
  resolve?: Resolve;
}

export interface FetchedFile {
  body: Readable;
  contentLength: number | undefined;
  finalUrl: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_PORTS = [80, 443];
const downloadFailed = (detail: string) => new ImportError('DOWNLOAD_FAILED', detail);
type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * HTTP(S) GETs that cannot be pointed at the platform's own network (SSRF): only http and https;
 * every address a host resolves to must be public, and the connection is made to the address that
 * was checked (the check runs inside the socket's own lookup, so a second DNS answer cannot swap it),
 * and only the allowed ports (80/443 by default);
 * redirects are followed by hand and each target is checked again; one deadline covers connect,
 * headers and body.
 */
export class SafeFetcher {
  private readonly agent: Agent;
  private readonly resolve: Resolve;

  constructor(private readonly options: SafeFetcherOptions) {
    this.resolve = options.resolve ?? systemResolve;
    this.agent = new Agent({
      connect: {
        lookup: (hostname: string, opts: { all?: boolean }, cb: LookupCallback) => this.lookup(hostname, opts, cb),
      },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connections: 16,
    });
  }

  async fetch(rawUrl: string, signal: AbortSignal): Promise<FetchedFile> {
    let url = this.parse(rawUrl);
    for (let redirects = 0; ; redirects += 1) {
      this.assertLiteralAllowed(url);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          dispatcher: this.agent,
          method: 'GET',
          signal,
          headers: { 'user-agent': 'ProDvor-Importer/1.0', accept: '*/*' },
        });
      } catch (error) {
        throw this.translate(error, signal);
      }
      if (REDIRECTS.has(response.statusCode)) {
        await response.body.dump().catch(() => undefined);
        const location = response.headers.location;
        if (typeof location !== 'string' || redirects >= this.options.maxRedirects) {
          throw downloadFailed(`too many redirects (HTTP ${response.statusCode})`);
        }
        url = this.parse(new URL(location, url).toString());
        continue;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump().catch(() => undefined);
        throw downloadFailed(`HTTP ${response.statusCode}`);
      }
      const length = Number(response.headers['content-length']);
      return {
        body: response.body,
        contentLength: Number.isFinite(length) ? length : undefined,
        finalUrl: url.toString(),
      };
    }
  }

  /** Lets downloads in flight finish for up to `graceMs`, then cuts them (shutdown must not hang). */
  async close(graceMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<'cut'>((resolve) => (timer = setTimeout(() => resolve('cut'), graceMs)));
    const closed = await Promise.race([this.agent.close().then(() => 'closed' as const), cut]);
    clearTimeout(timer);
    if (closed === 'cut') await this.agent.destroy();
  }

  /**
   * Maps a failure while connecting or receiving to an import error. Refused, reset, unreachable,
   * timed out and non-2xx are one code (`DOWNLOAD_FAILED`, the detail only in logs): a result must not
   * tell an importer which hosts and ports the platform's network can reach.
   */
  translate(error: unknown, signal: AbortSignal): ImportError {
    if (error instanceof ImportError) return error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof ImportError) return cause;
    if (signal.aborted || error instanceof undiciErrors.UndiciError) return downloadFailed('timed out or cut');
    return downloadFailed(error instanceof Error ? error.message : String(error));
  }

  private parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ImportError('INVALID_URL', 'not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ImportError('INVALID_URL', 'only http and https');
    if (url.username || url.password) throw new ImportError('INVALID_URL', 'credentials in URLs are not accepted');
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    if (!(this.options.allowedPorts ?? DEFAULT_PORTS).includes(port))
      throw new ImportError('FORBIDDEN_ADDRESS', `port ${port} is not allowed`);
    return url;
  }

  /** Sockets skip the lookup for IP literals, so those are checked before connecting. */
  private assertLiteralAllowed(url: URL): void {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isAllowedAddress(host, this.options.allowed)) {
      throw new ImportError('FORBIDDEN_ADDRESS', `${host} is not a public address`);
    }
  }

  private lookup(hostname: string, opts: { all?: boolean }, callback: LookupCallback): void {
    this.resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => !isAllowedAddress(a.address, this.options.allowed));
        if (addresses.length === 0 || refused) {
          const reason = refused ? `${hostname} resolves to ${refused.address}` : `${hostname} has no address`;
          callback(new ImportError('FORBIDDEN_ADDRESS', reason), opts.all ? [] : '');
          return;
        }
        if (opts.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: Error) => callback(error, opts.all ? [] : ''),
    );
  }
}
