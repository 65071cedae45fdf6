import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { PageConfig } from './page/page-api';

/**
 * The browser test's web app as a static site on the realm's web origin (`${PRODVOR_WEB_ORIGIN}`):
 * `/` and the redirect URI `/callback` serve the page, `/app.js` its script (page/app.ts, compiled here),
 * `/socket.io.min.js` socket.io-client's browser bundle from node_modules.
 */
export interface PageServer {
  origin: string;
  redirectUri: string;
  stop(): Promise<void>;
}

function compilePage(): string {
  const source = readFileSync(join(__dirname, 'page/app.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, isolatedModules: true },
    fileName: 'app.ts',
  });
  return outputText;
}

function socketIoBundle(): string {
  const packageDir = dirname(require.resolve('socket.io-client/package.json'));
  return readFileSync(join(packageDir, 'dist/socket.io.min.js'), 'utf8');
}

function indexHtml(config: PageConfig): string {
  // JSON inside <script>: no `<` may close the element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>ProDvor browser test</title>
    <script id="config" type="application/json">${json}</script>
    <script src="/socket.io.min.js"></script>
    <script type="module" src="/app.js"></script>
  </head>
  <body>
    <button id="login" type="button">Log in</button>
    <p id="status">signed-out</p>
  </body>
</html>
`;
}

export async function startPageServer(
  origin: string,
  config: { issuer: string; clientId: string; apiUrl: string },
): Promise<PageServer> {
  const { protocol, hostname, port, pathname } = new URL(origin);
  if (protocol !== 'http:' || !port || pathname !== '/') throw new Error(`not an http origin with a port: ${origin}`);
  const redirectUri = `${origin}/callback`;
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html; charset=utf-8', body: indexHtml({ ...config, redirectUri }) },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: compilePage() },
    '/socket.io.min.js': { type: 'text/javascript; charset=utf-8', body: socketIoBundle() },
  };
  files['/callback'] = files['/'];

  const send = (res: ServerResponse, status: number, type: string, body: string) =>
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  const server = createServer((req, res) => {
    const file = req.method === 'GET' ? files[new URL(req.url ?? '/', origin).pathname] : undefined;
    if (file) send(res, 200, file.type, file.body);
    else send(res, 404, 'text/plain; charset=utf-8', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`the test page cannot listen on ${origin} (the realm's web origin): ${error.message}`)),
    );
    server.listen(Number(port), hostname, () => resolve());
  });
  return {
    origin,
    redirectUri,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
