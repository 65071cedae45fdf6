#!/usr/bin/env node
// DEVELOPMENT AND TESTS ONLY: starts the dev edge (Kong stand-in) from gateway/kong.yaml.
// Env: PORT (8000), HOST (127.0.0.1), KONG_FILE (gateway/kong.yaml), OIDC_ISSUER (the jwt secret's
// key in kong.yaml), OIDC_JWKS_URL (issuer + /protocol/openid-connect/certs), CORS_ORIGINS (comma
// list, overrides kong.yaml), UPSTREAM_<SERVICE> (e.g. UPSTREAM_USER=http://127.0.0.1:3001),
// EDGE_RATE_LIMIT_SECOND / _MINUTE / _HOUR (override kong.yaml's windows; 0 removes one).
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
    kongFile: resolve(process.env.KONG_FILE ?? 'gateway/kong.yaml'),
    issuer: process.env.OIDC_ISSUER || undefined,
    jwksUrl: process.env.OIDC_JWKS_URL || undefined,
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
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev edge failed to start: ${String(error)}\n`);
  process.exit(1);
});
