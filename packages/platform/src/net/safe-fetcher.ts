import { Agent, errors as undiciErrors, request, type Dispatcher } from './undici';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { isAllowedAddress, type Cidr } from './address-policy';
import { SafeFetchError } from './safe-fetch-error';

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
  /** Schemes a URL may use (http and https unless configured, e.g. https only for webhooks). */
  schemes?: readonly ('http' | 'https')[];
  /** Sent with every request (e.g. `ProDvor-Importer/1.0`). */
  userAgent?: string;
}

export interface SafeRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSignal;
  /** Redirects to follow (each target checked again); the fetcher's `maxRedirects` unless given. */
  maxRedirects?: number;
}

export interface SafeResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
  finalUrl: string;
}

export interface FetchedFile {
  body: Readable;
  contentLength: number | undefined;
  finalUrl: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_PORTS = [80, 443];
const requestFailed = (detail: string) => new SafeFetchError('REQUEST_FAILED', detail);
type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * HTTP(S) requests that cannot be pointed at the platform's own network (SSRF): only http and https;
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

  /** A GET that must answer 2xx (redirects followed): a download. */
  async fetch(rawUrl: string, signal: AbortSignal): Promise<FetchedFile> {
    const response = await this.request(rawUrl, { method: 'GET', signal, headers: { accept: '*/*' } });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump().catch(() => undefined);
      throw requestFailed(`HTTP ${response.statusCode}`);
    }
    const length = Number(response.headers['content-length']);
    return {
      body: response.body,
      contentLength: Number.isFinite(length) ? length : undefined,
      finalUrl: response.finalUrl,
    };
  }

  /**
   * Any answer the target gives (the caller judges the status; the body must be read or dumped). A redirect
   * beyond `maxRedirects` is returned as it is; refused addresses, bad URLs and network failures throw.
   */
  async request(rawUrl: string, options: SafeRequest): Promise<SafeResponse> {
    let url = this.parse(rawUrl);
    const maxRedirects = options.maxRedirects ?? this.options.maxRedirects;
    let method = options.method;
    let body = options.body;
    for (let redirects = 0; ; redirects += 1) {
      this.assertLiteralAllowed(url);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          dispatcher: this.agent,
          method,
          body,
          signal: options.signal,
          headers: { 'user-agent': this.options.userAgent ?? 'ProDvor/1.0', ...options.headers },
        });
      } catch (error) {
        throw this.translate(error, options.signal);
      }
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode) && maxRedirects > 0) {
        await response.body.dump().catch(() => undefined);
        if (typeof location !== 'string' || redirects >= maxRedirects) {
          throw requestFailed(`too many redirects (HTTP ${response.statusCode})`);
        }
        url = this.parse(new URL(location, url).toString());
        // 303 (and, as browsers do, 301/302 after a POST) continue as a GET without a body.
        if (response.statusCode === 303 || (method === 'POST' && response.statusCode < 303)) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return {
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
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
   * Maps a failure while connecting or receiving to a fetch error. Refused, reset, unreachable,
   * timed out and non-2xx are one code (`REQUEST_FAILED`, the detail only in logs): a result must not
   * tell a caller which hosts and ports the platform's network can reach.
   */
  translate(error: unknown, signal: AbortSignal): SafeFetchError {
    if (error instanceof SafeFetchError) return error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof SafeFetchError) return cause;
    if (signal.aborted || error instanceof undiciErrors.UndiciError) return requestFailed('timed out or cut');
    return requestFailed(error instanceof Error ? error.message : String(error));
  }

  /**
   * Checks a URL and, unless it names an IP literal, the addresses its host resolves to now, without
   * connecting: for refusing a target early (e.g. when it is registered). The connection itself checks again.
   */
  async assertAllowed(rawUrl: string): Promise<void> {
    const url = this.parse(rawUrl);
    this.assertLiteralAllowed(url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return;
    let addresses: LookupAddress[];
    try {
      addresses = await this.resolve(host);
    } catch {
      throw requestFailed(`${host} does not resolve`);
    }
    const refused = addresses.find((a) => !isAllowedAddress(a.address, this.options.allowed));
    if (addresses.length === 0 || refused)
      throw new SafeFetchError('FORBIDDEN_ADDRESS', `${host} resolves to ${refused?.address ?? 'nothing'}`);
  }

  private parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new SafeFetchError('INVALID_URL', 'not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new SafeFetchError('INVALID_URL', 'only http and https');
    if (this.options.schemes && !this.options.schemes.includes(url.protocol.slice(0, -1) as 'http' | 'https'))
      throw new SafeFetchError('INVALID_URL', `${url.protocol.slice(0, -1)} is not allowed`);
    if (url.username || url.password) throw new SafeFetchError('INVALID_URL', 'credentials in URLs are not accepted');
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    if (!(this.options.allowedPorts ?? DEFAULT_PORTS).includes(port))
      throw new SafeFetchError('FORBIDDEN_ADDRESS', `port ${port} is not allowed`);
    return url;
  }

  /** Sockets skip the lookup for IP literals, so those are checked before connecting. */
  private assertLiteralAllowed(url: URL): void {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isAllowedAddress(host, this.options.allowed)) {
      throw new SafeFetchError('FORBIDDEN_ADDRESS', `${host} is not a public address`);
    }
  }

  private lookup(hostname: string, opts: { all?: boolean }, callback: LookupCallback): void {
    this.resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => !isAllowedAddress(a.address, this.options.allowed));
        if (addresses.length === 0 || refused) {
          const reason = refused ? `${hostname} resolves to ${refused.address}` : `${hostname} has no address`;
          callback(new SafeFetchError('FORBIDDEN_ADDRESS', reason), opts.all ? [] : '');
          return;
        }
        if (opts.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: Error) => callback(error, opts.all ? [] : ''),
    );
  }
}
