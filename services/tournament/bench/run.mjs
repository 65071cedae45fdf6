#!/usr/bin/env node
// `npm run bench:tournament`: fixture generation and standings recomputation (domain), then the public
// standings GET against the built service with real PostgreSQL, Redis, RabbitMQ and a real Kafka broker
// (its own, started from the Maven jars). The cached read is measured on `node dist/main.js` as its own
// process with everything a production instance runs (identity guard, JSON request logs at info, metrics,
// rate-limit module, cache): throughput under closed-loop load against a bare Fastify hello in the same run,
// and p99 at a fixed 2,000 req/s. The load comes from a worker thread (load-worker.mjs). Prints goal lines.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
process.env.PRODVOR_TEST_RUN_ID ??= `bench${Date.now().toString(36)}`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const domain = require('../dist/domain');
const { AppModule } = require('../dist/app.module');
const { TeamViewsRepository } = require('../dist/teams-view/team-views.repository');
const { TransactionRunner } = require('../dist/database/transaction-runner');
const platform = require('@prodvor/platform');
const testing = require('@prodvor/testing/dist/bench');
const { Logger, Module } = require('@nestjs/common');

/** Rate of the uncached read (every request recomputes; PostgreSQL bound). */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Closed-loop callers of the throughput figure, and the fixed rate of the p99 figure (issue #19). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 2000);
const TEAMS = 20;

const { percentile, goalLine } = testing;
const ms = (v) => `${v.toFixed(2)} ms`;

function timeIt(label, runs, fn) {
  for (let i = 0; i < 3; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  console.log(
    `${label.padEnd(60)} median ${ms(percentile(samples, 50))}  p99 ${ms(percentile(samples, 99))}  (${runs} runs)`,
  );
}

function domainFigures() {
  const ids = (n, p) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);
  const league = ids(TEAMS, 'c');
  const results = domain.roundRobin(league, { double: true }).fixtures.map((f, i) => ({
    matchId: f.id,
    homeTeamId: f.homeTeamId,
    awayTeamId: f.awayTeamId,
    homeGoals: (i * 7) % 4,
    awayGoals: (i * 5) % 3,
  }));
  console.log('\n== domain (pure functions) ==');
  timeIt('fixtures: 128-team double round robin (16,256 matches)', 30, () =>
    domain.roundRobin(ids(128, 't'), { double: true }),
  );
  timeIt('fixtures: 1024-entrant double elimination', 30, () => domain.doubleElimination(ids(1024, 'e')));
  timeIt(`standings: ${TEAMS}-team double round robin (${results.length} results), UEFA`, 200, () =>
    domain.computeStandings({ teamIds: league, results }, domain.UEFA_GROUP_STAGE),
  );
}

async function startApp(env) {
  Logger.overrideLogger(['error']);
  class BenchModule {}
  Module({ imports: [AppModule.forRoot(env)] })(BenchModule);
  const app = await platform.createServiceApp(BenchModule, { serviceName: 'tournament' });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

async function call(url, method, path, headers, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A 20-team double round robin with every result confirmed, built through the HTTP API. */
async function seedLeague(app, url) {
  const organizer = testing.bearerHeaders({ sub: randomUUID(), realm_access: { roles: ['player', 'organizer'] } });
  const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const windows = Array.from({ length: 40 }, (_, i) => ({
    start: `${day(i + 2)}T06:00:00Z`,
    end: `${day(i + 2)}T22:00:00Z`,
  }));
  const cup = await call(url, 'POST', '/api/v1/tournaments', organizer, {
    name: 'Bench league',
    sportFormat: '5x5',
    format: 'double_round_robin',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 45 * 86_400_000).toISOString(),
    registrationOpensAt: new Date(Date.now() - 86_400_000).toISOString(),
    registrationClosesAt: new Date(Date.now() + 86_400_000).toISOString(),
    minTeams: TEAMS,
    maxTeams: TEAMS,
    tieBreakerPreset: 'uefa_group_stage',
    venues: [{ name: 'Bench park', pitches: ['A', 'B', 'C', 'D'].map((name) => ({ name, windows })) }],
  });
  const views = app.get(TeamViewsRepository);
  const transactions = app.get(TransactionRunner);
  for (let i = 0; i < TEAMS; i++) {
    const captainId = randomUUID();
    const captain = testing.bearerHeaders({ sub: captainId, realm_access: { roles: ['player'] } });
    const teamId = randomUUID();
    await transactions.run((tx) => views.upsertTeam(tx, teamId, `Bench ${i + 1}`, captainId));
    await call(url, 'POST', `/api/v1/tournaments/${cup.id}/registrations`, captain, { teamId });
    await call(url, 'POST', `/api/v1/tournaments/${cup.id}/registrations/${teamId}/approve`, organizer, {});
  }
  const generated = await call(url, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`, organizer);
  const matches = [];
  for (let cursor = null; ;) {
    const page = await call(
      url,
      'GET',
      `/api/v1/tournaments/${cup.id}/matches?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      {},
    );
    matches.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const started = performance.now();
  for (const [i, m] of matches.entries()) {
    await call(url, 'POST', `/api/v1/matches/${m.id}/result`, organizer, {
      homeScore: (i * 7) % 4,
      awayScore: (i * 5) % 3,
    });
  }
  const perResult = (performance.now() - started) / matches.length;
  return { tournamentId: cup.id, generated, results: matches.length, perResult };
}

/** One load of load-worker.mjs: `closed` (autocannon, CONNECTIONS callers) or `open` (a fixed rate). */
function load(kind, url, options = {}) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { kind, url, seconds: SECONDS, connections: CONNECTIONS, rate: FIXED_RATE, ...options },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

/** A file of this service, by its path from the service's folder. */
const serviceDir = (path) => new URL(`../${path}`, import.meta.url).pathname;

const show = (r) =>
  `${r.rate.toFixed(0)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${r.count} answered, ${r.errors} errors` +
  `${r.lateStarts ? `, ${r.lateStarts} sent > 1 ms late` : ''})`;

/** The cached read against the bare Fastify hello: closed-loop throughput, then p99 at FIXED_RATE. */
async function cachedReadFigures(service, hello, path) {
  console.log(`\n== cached standings GET vs bare Fastify hello (same load generator, same run) ==`);
  const targets = { service: `${service.url}${path}`, hello: `${hello.url}/hello` };
  const closed = {};
  for (const [name, url] of Object.entries(targets)) {
    await load('closed', url, { seconds: 2 });
    closed[name] = await load('closed', url);
    console.log(`${name.padEnd(8)} closed loop, ${CONNECTIONS} connections, ${SECONDS} s: ${show(closed[name])}`);
  }
  const open = {};
  for (const [name, url] of Object.entries(targets)) {
    open[name] = await load('open', url);
    console.log(
      `${name.padEnd(8)} open loop, ${FIXED_RATE} req/s for ${SECONDS} s (latency from scheduled start): ${show(open[name])}`,
    );
  }
  const throughput = closed.service.rate / closed.hello.rate;
  goalLine({
    service: 'tournament',
    figure: `cached standings GET throughput (closed loop, ${CONNECTIONS} connections)`,
    value: `${closed.service.rate.toFixed(0)} req/s`,
    goal: '≥ 0.5 × bare Fastify hello',
    baseline: `bare Fastify hello ${closed.hello.rate.toFixed(0)} req/s`,
    ratio: throughput,
    met: throughput >= 0.5 && closed.service.errors === 0,
  });
  goalLine({
    service: 'tournament',
    figure: `cached standings GET p99 at ${FIXED_RATE} req/s (open loop, from scheduled start)`,
    value: `${open.service.p99.toFixed(2)} ms`,
    goal: '≤ 5 ms',
    baseline: `bare Fastify hello ${open.hello.p99.toFixed(2)} ms`,
    ratio: open.service.p99 / open.hello.p99,
    met: open.service.p99 <= 5 && open.service.errors === 0,
  });
}

async function main() {
  domainFigures();

  const db = await testing.createTestDatabase(
    'tournament',
    platform.migrationsFor(new URL('../prisma/migrations', import.meta.url).pathname),
  );
  const kafka = await testing.startPrivateKafka({ jvmOptions: ['-Xms512m', '-Xmx1g'] });
  const vhost = await testing.createTestVhost('tournament');
  const identity = await testing.testIdentityEnv();
  const env = (extra) => ({
    SERVICE_NAME: 'tournament',
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: testing.serverUrls.redis,
    REDIS_KEY_PREFIX: testing.uniqueName('bench'),
    ...kafka.env,
    RABBITMQ_URL: vhost.url,
    ...identity,
    WEBHOOK_SECRET_KEY: 'bench-only-webhook-secret-key-0123456789abcdef',
    ...extra,
  });
  const cached = await startApp(env({ TOURNAMENT_CACHE_TTL_MS: '600000' }));
  // The same service with a 1 ms cache TTL: every read recomputes (concurrent reads still share one computation).
  const uncached = await startApp(env({ TOURNAMENT_CACHE_TTL_MS: '1' }));
  try {
    console.log(`\n== service (HTTP, PostgreSQL, Redis) ==`);
    const league = await seedLeague(cached.app, cached.url);
    console.log(
      `seeded: ${TEAMS}-team double round robin, ${league.generated.matches} fixtures (${league.generated.scheduled} scheduled), ` +
        `${league.results} results confirmed over HTTP (${ms(league.perResult)} each)`,
    );
    const path = `/api/v1/tournaments/${league.tournamentId}/standings`;
    const check = await call(cached.url, 'GET', path, {});
    if (check.groups[0].rows.length !== TEAMS || check.groups[0].rows[0].played !== 38)
      throw new Error('standings are not complete');
    await load('open', `${uncached.url}${path}`, { rate: RATE, seconds: 2 });
    const r = await load('open', `${uncached.url}${path}`, { rate: RATE });
    console.log(`GET standings uncached (in-process app, recomputed every read), ${RATE} req/s: ${show(r)}`);

    const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // Logging on, as in production: one JSON line per request at info.
    // Its stdout (the JSON request logs) goes to /dev/null, as cheap a sink as a container's log pipe.
    const service = await testing.startServiceProcess(
      serviceDir('dist/main.js'),
      env({ TOURNAMENT_CACHE_TTL_MS: '600000', LOG_LEVEL: 'info' }),
      60_000,
      { nodeArgs, discardStdout: true },
    );
    const hello = await testing.startServiceProcess(serviceDir('bench/hello-server.mjs'), {}, 60_000, {
      readyPath: '/hello',
    });
    try {
      await cachedReadFigures(service, hello, path);
    } finally {
      await Promise.all([service.stop(), hello.stop()]);
    }
  } finally {
    await cached.app.close();
    await uncached.app.close();
    await kafka.stop();
    await vhost.drop();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
