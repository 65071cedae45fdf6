#!/usr/bin/env node
// DEVELOPMENT AND TESTS ONLY: starts the dev edge (Kong stand-in) from the rendered kong.yaml.
// Env: PORT (8000), HOST (127.0.0.1), KONG_FILE (the file infra/gateway/render-kong.mjs rendered from
// gateway/kong.yaml; the template itself carries no key), CORS_ORIGINS (comma list, overrides the
// file), UPSTREAM_<SERVICE> (e.g. UPSTREAM_USER=http://127.0.0.1:3001, UPSTREAM_KEYCLOAK=...),
// EDGE_RATE_LIMIT_SECOND / _MINUTE / _HOUR (override the file's windows; 0 removes one).
// SIGHUP re-reads KONG_FILE (after a re-render, as `kong reload` does).
import { resolve } from 'node:path';
import { startDevEdge } from './dev-edge';

function rateLimitFromEnv(): { second?: number; minute?: number; hour?: number } {
  const read = (name: string): number | undefined =>
    process.env[name] === undefined || process.env[name] === '' ? undefined : Number(process.env[name]);
  const windows = {
    second: read('EDGE_RATE_LIMIT_SECOND'),
    minute: read('EDGE_RATE_LIMIT_MINUTE'),
    hour: read('EDGE_RATE_LIMIT_HOUR'),
  };
  return Object.fromEntries(Object.entries(windows).filter(([, v]) => v !== undefined));
}

async function main(): Promise<void> {
  const upstreams = Object.fromEntries(
    Object.entries(process.env)
      .filter(([name, value]) => name.startsWith('UPSTREAM_') && value)
      .map(([name, value]) => [name.slice('UPSTREAM_'.length).toLowerCase().replace(/_/g, '-'), value as string]),
  );
  const edge = await startDevEdge({
    port: Number(process.env.PORT ?? 8000),
    host: process.env.HOST ?? '127.0.0.1',
    kongFile: resolve(process.env.KONG_FILE ?? '.local/gateway/kong.yaml'),
    corsOrigins: process.env.CORS_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    upstreams,
    rateLimit: rateLimitFromEnv(),
    logger: process.env.LOG_LEVEL !== 'silent',
  });
  process.stdout.write(`dev edge (Kong stand-in, development only) listening on ${edge.url}\n`);
  const stop = (): void => {
    edge.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGHUP', () => {
    try {
      edge.reload();
      process.stdout.write(`dev edge: ${process.env.KONG_FILE} reloaded\n`);
    } catch (error) {
      process.stderr.write(`dev edge: reload failed, keeping the previous configuration: ${String(error)}\n`);
    }
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev edge failed to start: ${String(error)}\n`);
  process.exit(1);
});
