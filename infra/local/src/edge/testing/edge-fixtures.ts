// Test helpers for the dev edge's tests (echo upstream, rendered kong.yaml variants); not used at run time.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { parseDocument } from 'yaml';
import type * as RenderKong from '../../../../gateway/render-kong.mjs' with { 'resolution-mode': 'import' };

export const KONG_FILE = resolve(__dirname, '../../../../../gateway/kong.yaml');

/** infra/gateway/render-kong.mjs (ESM, loaded from this CommonJS package with a dynamic import). */
export const loadRenderer = (): Promise<typeof RenderKong> => import('../../../../gateway/render-kong.mjs');

/**
 * gateway/kong.yaml rendered for `issuer` from the key set at `jwksUrl` (or given as `jwks`), written to a
 * fresh temporary file, with the given global plugins' configs replaced (e.g. a tiny rate limit).
 */
export async function renderedKongFile(options: {
  issuer: string;
  jwksUrl?: string;
  jwks?: RenderKong.Jwks;
  plugins?: Record<string, Record<string, unknown>>;
  out?: string;
}): Promise<string> {
  const { fetchJwks, renderKongConfig } = await loadRenderer();
  const jwks = options.jwks ?? (await fetchJwks(options.jwksUrl ?? `${options.issuer}/protocol/openid-connect/certs`));
  const { yaml } = renderKongConfig({ template: readFileSync(KONG_FILE, 'utf8'), issuer: options.issuer, jwks });
  const file = options.out ?? join(mkdtempSync(join(tmpdir(), 'kong-')), 'kong.yaml');
  writeFileSync(file, withPlugins(yaml, options.plugins ?? {}));
  return file;
}

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
}

/** A stand-in upstream: records what reached it (headers, byte count — never the body itself). */
export async function startEchoUpstream(): Promise<{ url: string; seen: Seen[]; stop(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('error', () => undefined);
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes };
      seen.push(entry);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(entry));
    });
  });
  const wss = new WebSocketServer({ server, path: '/socket.io/' });
  wss.on('connection', (socket, req) => {
    seen.push({ method: 'WS', url: req.url ?? '', headers: req.headers, bytes: 0 });
    socket.on('message', (data) => socket.send(`echo:${(data as Buffer).toString()}`));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The YAML with each named global plugin's config replaced. */
function withPlugins(yaml: string, configs: Record<string, Record<string, unknown>>): string {
  const doc = parseDocument(yaml);
  const plugins = doc.get('plugins') as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  for (const [plugin, config] of Object.entries(configs)) {
    const target = plugins.items.find((p) => p.get('name') === plugin);
    if (!target) throw new Error(`kong.yaml has no global ${plugin} plugin`);
    target.set('config', doc.createNode(config));
  }
  return doc.toString();
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http request that can send repeated headers (fetch joins them). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: string },
): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

export function decodeUserinfo(value: unknown): Record<string, unknown> {
  return JSON.parse(Buffer.from(String(value), 'base64').toString('utf8')) as Record<string, unknown>;
}
