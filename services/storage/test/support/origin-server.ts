import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OriginServer {
  url: string;
  port: number;
  hits: Map<string, number>;
  stop(): Promise<void>;
}

export interface OriginFiles {
  jpeg: Buffer;
  png: Buffer;
}

/** A local "external" web server for import tests: files, errors, redirects, slow and oversized answers. */
export async function startOriginServer(files: OriginFiles): Promise<OriginServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    switch (path) {
      case '/photo.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': files.jpeg.length });
        res.end(files.jpeg);
        return;
      case '/logo.png':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(files.png);
        return;
      case '/page.html':
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end('<!doctype html><html><body>not an image</body></html>');
        return;
      case '/declared-huge':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(500 * 1024 * 1024) });
        res.write(files.jpeg.subarray(0, 100));
        return;
      case '/endless': {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write(files.jpeg.subarray(0, 1000));
        const chunk = Buffer.alloc(64 * 1024, 1);
        // As fast as the importer reads (a timer would be slowed down by a busy machine into a timeout).
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
        };
        res.on('drain', pump);
        res.on('close', () => res.off('drain', pump));
        pump();
        return;
      }
      case '/slow':
        // Sends nothing: the importer's deadline must end it.
        return;
      case '/missing':
        res.writeHead(404).end('gone');
        return;
      case '/redirect-ok':
        res.writeHead(302, { location: '/photo.jpg' }).end();
        return;
      case '/redirect-metadata':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return;
      case '/redirect-port':
        // An allowed address on a port imports may not use (Redis's).
        res.writeHead(302, { location: 'http://127.0.0.1:6379/' }).end();
        return;
      case '/error-500':
        res.writeHead(500).end('internal error with details');
        return;
      case '/redirect-loop':
        res.writeHead(302, { location: '/redirect-loop' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
