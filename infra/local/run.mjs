#!/usr/bin/env node
// The README's run command (`npm run dev`): the whole platform on one machine without containers.
// Installs/starts PostgreSQL, Redis and RabbitMQ if missing, starts a real Kafka broker (KRaft, from the
// jars infra/engines/fetch.sh brought from Maven Central; topics provisioned by infra/kafka) and
// s3rver, builds, migrates, starts the real Keycloak (built once, `start --optimized` on its own database
// prodvor_keycloak, state in .local/keycloak, dev client and demo users seeded through the Admin API),
// every service and the dev edge (Kong stand-in) on gateway/kong.yaml rendered with the local realm's
// keys (infra/gateway/render-kong.mjs, into .local/gateway/kong.yaml), seeds demo data, prints the URLs
// and stops everything on Ctrl-C.
// The stand-ins are for development only.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const stateDir = join(root, '.local');
mkdirSync(stateDir, { recursive: true });

export const SERVICES = [
  { name: 'user', port: 3001 },
  { name: 'team', port: 3002 },
  { name: 'tournament', port: 3003 },
  { name: 'chat', port: 3004 },
  { name: 'storage', port: 3005 },
  { name: 'ai', port: 3006 },
];
const EDGE_PORT = Number(process.env.EDGE_PORT ?? 8000);
const KEYCLOAK_PORT = Number(process.env.KEYCLOAK_PORT ?? 8080);
const S3_PORT = Number(process.env.S3_PORT ?? 9000);
const KAFKA_PORT = Number(process.env.KAFKA_PORT ?? 9092);
const KEYCLOAK_URL = `http://localhost:${KEYCLOAK_PORT}`;
const ISSUER = `${KEYCLOAK_URL}/realms/prodvor`;
const USER_SERVICE_SECRET = 'local-user-service-secret';
const CHAT_SERVICE_SECRET = 'local-chat-service-secret';
const children = [];
let stopping = false;

function step(message) {
  console.log(`\x1b[36m▸ ${message}\x1b[0m`);
}

function runOrExit(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`failed: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

function start(name, command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}]`.padEnd(13);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (process.env.VERBOSE || !/"level":(10|20|30)\b/.test(line)) console.log(`${prefix} ${line}`);
    });
  }
  child.on('exit', (code) => {
    if (!stopping) console.error(`${prefix} exited with ${code}`);
  });
  children.push({ name, child });
  return child;
}

/** Waits until `url` answers (any status when `anyStatus`, else a 2xx). */
async function waitFor(url, timeoutMs = 60_000, anyStatus = false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok || anyStatus) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become ready`);
}

/** A real single-node Kafka broker keeping its log under .local/kafka, with the platform's topics. */
async function startKafka() {
  const { startKafkaBroker } = await import('../../packages/testing/dist/engines/index.js');
  const broker = await startKafkaBroker({ dataDir: join(stateDir, 'kafka'), port: KAFKA_PORT });
  children.push({ name: 'kafka', child: { kill: () => void broker.stop() } });
  runOrExit(process.execPath, ['infra/kafka/provision-topics.mjs'], {
    env: { ...process.env, KAFKA_BOOTSTRAP: broker.brokers.join(',') },
    stdio: 'ignore',
  });
  return broker;
}

/** The local console admin: created with the Keycloak database, so kept beside it in .local/. */
function localKeycloakAdmin() {
  const file = join(stateDir, 'keycloak-admin.json');
  if (!existsSync(file)) {
    const admin = { username: 'admin', password: randomBytes(12).toString('base64url') };
    writeFileSync(file, JSON.stringify(admin), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function startKeycloak() {
  const { startKeycloak: start, seedKeycloak } = await import('../../packages/testing/dist/engines/index.js');
  const keycloak = await start({
    realmFiles: [join(root, 'keycloak/realm-prodvor.json')],
    env: {
      PRODVOR_USER_SERVICE_SECRET: USER_SERVICE_SECRET,
      PRODVOR_CHAT_SERVICE_SECRET: CHAT_SERVICE_SECRET,
      PRODVOR_WEB_ORIGIN: process.env.PRODVOR_WEB_ORIGIN ?? 'http://localhost:5173',
    },
    database: 'prodvor_keycloak',
    stateDir: join(stateDir, 'keycloak'),
    hostname: KEYCLOAK_URL,
    httpPort: KEYCLOAK_PORT,
    bootstrapAdmin: localKeycloakAdmin(),
  });
  children.push({ name: 'keycloak', child: { kill: () => void keycloak.stop() } });
  await seedKeycloak(keycloak.url, keycloak.bootstrapAdmin, join(root, 'keycloak/dev-seed.json'));
  const { buildMs, startMs } = keycloak.timings;
  console.log(
    `  Keycloak ready in ${(startMs / 1000).toFixed(1)} s${buildMs ? ` (built first in ${(buildMs / 1000).toFixed(1)} s)` : ''}`,
  );
  return keycloak;
}

function stopAll() {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  for (const { child } of [...children].reverse()) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 5_000).unref();
}

async function main() {
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);

  step('system servers, dependencies and build (infra/scripts/setup.sh)');
  runOrExit('bash', ['infra/scripts/setup.sh']);

  const services = SERVICES.filter((s) => existsSync(join(root, 'services', s.name, 'dist/main.js')));
  step('Kafka (real broker) and s3rver');
  const kafka = await startKafka();
  const kafkaBrokers = kafka.brokers.join(',');
  mkdirSync(join(stateDir, 's3'), { recursive: true });
  start('s3', process.execPath, [
    join(root, 'node_modules/s3rver/bin/s3rver.js'),
    '--directory',
    join(stateDir, 's3'),
    '--port',
    String(S3_PORT),
    '--configure-bucket',
    'prodvor-media',
    '--silent',
  ]);

  step('Keycloak (real server: built once, started optimized on database prodvor_keycloak)');
  const keycloak = await startKeycloak();

  // Generated per run, the same value for chat (signs media grants) and storage (verifies them). Grants
  // live 5 minutes, so after a restart a client only has to ask chat for fresh ones.
  const mediaGrantSecret = randomBytes(32).toString('base64url');
  const shared = {
    NODE_ENV: 'development',
    REDIS_URL: 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: kafkaBrokers,
    RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
    OIDC_ISSUER: ISSUER,
    OIDC_AUDIENCE: 'prodvor-api',
    // The realm's API clients plus the seeded dev-only password-grant client (scripts, README examples).
    OIDC_ALLOWED_CLIENTS: 'prodvor-web,prodvor-mobile,prodvor-chat-service,prodvor-dev-cli',
    S3_ENDPOINT: `http://127.0.0.1:${S3_PORT}`,
    S3_PUBLIC_ENDPOINT: `http://localhost:${S3_PORT}`,
    S3_BUCKET: 'prodvor-media',
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    KEYCLOAK_URL,
    KEYCLOAK_REALM: 'prodvor',
    KEYCLOAK_CLIENT_ID: 'prodvor-user-service',
    KEYCLOAK_CLIENT_SECRET: USER_SERVICE_SECRET,
  };
  for (const service of services) {
    const database = `prodvor_${service.name}`;
    const migrations = `services/${service.name}/prisma/migrations`;
    const hasDatabase = existsSync(join(root, migrations));
    const env = {
      ...shared,
      SERVICE_NAME: service.name,
      PORT: String(service.port),
      REDIS_KEY_PREFIX: `prodvor:${service.name}`,
      ...(service.name === 'ai' ? { TOURNAMENT_SERVICE_URL: 'http://127.0.0.1:3003' } : {}),
      // Pickup games: team-service asks ai-service's balancer for the sides (with the manager's token).
      ...(service.name === 'team' ? { AI_SERVICE_URL: 'http://127.0.0.1:3006' } : {}),
      ...(service.name === 'chat'
        ? { AI_SERVICE_URL: 'http://127.0.0.1:3006', CHAT_SERVICE_CLIENT_SECRET: CHAT_SERVICE_SECRET }
        : {}),
      ...(service.name === 'chat' || service.name === 'storage' ? { MEDIA_GRANT_SECRET: mediaGrantSecret } : {}),
      ...(hasDatabase ? { DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${database}` } : {}),
    };
    step(`${service.name}-service: ${hasDatabase ? 'migrate and ' : ''}start on :${service.port}`);
    if (hasDatabase) {
      const exists = spawnSync(
        'psql',
        ['-h', '127.0.0.1', '-U', 'postgres', '-tAc', `SELECT 1 FROM pg_database WHERE datname='${database}'`],
        {
          encoding: 'utf8',
        },
      );
      if (exists.stdout.trim() !== '1')
        runOrExit('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-qc', `CREATE DATABASE ${database}`]);
      runOrExit(process.execPath, ['packages/platform/dist/prisma/migrate-cli.js', migrations], {
        env: { ...process.env, ...env },
      });
    }
    start(service.name, process.execPath, [`services/${service.name}/dist/main.js`], env);
  }
  await Promise.all(services.map((s) => waitFor(`http://127.0.0.1:${s.port}/health/ready`)));

  step('dev edge (Kong stand-in) on gateway/kong.yaml rendered with the realm keys');
  // As compose's kong-keys does for Kong: the template plus one jwt credential per realm signing key.
  const { renderKongFile } = await import('../gateway/render-kong.mjs');
  const rendered = await renderKongFile({
    out: join(stateDir, 'gateway/kong.yaml'),
    issuer: ISSUER,
    jwksUrl: `${keycloak.url}/realms/prodvor/protocol/openid-connect/certs`,
  });
  console.log(`  ${rendered.file}: realm keys ${rendered.keyIds.join(', ')}`);
  start('edge', process.execPath, ['infra/local/dist/edge/main.js'], {
    PORT: String(EDGE_PORT),
    KONG_FILE: rendered.file,
    UPSTREAM_KEYCLOAK: keycloak.url,
    ...Object.fromEntries(SERVICES.map((s) => [`UPSTREAM_${s.name.toUpperCase()}`, `http://127.0.0.1:${s.port}`])),
  });
  await waitFor(`http://127.0.0.1:${EDGE_PORT}/`, 30_000, true);

  if (existsSync(join(root, 'infra/local/seed.mjs'))) {
    step('demo data');
    // Demo data is a convenience: a failure is reported, the platform keeps running.
    spawnSync(process.execPath, ['infra/local/seed.mjs'], {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, EDGE_URL: `http://localhost:${EDGE_PORT}`, ISSUER },
    });
  }

  console.log(`
ProDvor is up (development stand-ins, not for production):
  API (dev edge, Kong stand-in)   http://localhost:${EDGE_PORT}/api/v1/...   on ${rendered.file}
                                  (re-rendered at every start; see AUTH_IMPLEMENTATION.md for a key rotation)
  Keycloak (real, 26.4)           ${ISSUER}   ready in ${(keycloak.timings.startMs / 1000).toFixed(1)} s
  Keycloak admin console          ${keycloak.adminConsoleUrl}   (local bootstrap admin: ${keycloak.bootstrapAdmin.username} / ${keycloak.bootstrapAdmin.password})
  Demo accounts (password grant)  client prodvor-dev-cli: organizer, captain1, captain2, player1, player2, admin (keycloak/dev-seed.json)
  S3 (s3rver)                     http://localhost:${S3_PORT}
  Kafka (Apache Kafka, KRaft)     ${kafkaBrokers}   ready in ${(kafka.startupMs / 1000).toFixed(1)} s
  API docs                        ${services.map((s) => `http://localhost:${s.port}/api/v1/${s.name}/docs`).join('\n                                  ')}
Press Ctrl-C to stop.`);
}

main().catch((error) => {
  console.error(error);
  stopAll();
  process.exitCode = 1;
});
