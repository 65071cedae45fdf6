// Test helpers for the dev edge's tests (echo upstream, kong.yaml variants); not used at run time.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { parseDocument } from 'yaml';

export const KONG_FILE = resolve(__dirname, '../../../../../gateway/kong.yaml');

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

/** A copy of gateway/kong.yaml with one global plugin's config changed (e.g. a tiny rate limit). */
export function kongCopyWith(plugin: string, config: Record<string, unknown>): string {
  const doc = parseDocument(readFileSync(KONG_FILE, 'utf8'), { merge: true });
  const plugins = doc.get('plugins') as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  const target = plugins.items.find((p) => p.get('name') === plugin);
  if (!target) throw new Error(`kong.yaml has no global ${plugin} plugin`);
  target.set('config', doc.createNode(config));
  const dir = mkdtempSync(join(tmpdir(), 'kong-'));
  const file = join(dir, 'kong.yaml');
  writeFileSync(file, doc.toString());
  return file;
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
