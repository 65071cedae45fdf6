#!/usr/bin/env node
// `npm run bench:chat`: end-to-end chat latency through the built service (Socket.IO in, real Kafka
// broker, per-instance fan-out consumer, Socket.IO out; persistence to PostgreSQL and Redis guards on
// the way), for BENCH_SOCKETS connected sockets in BENCH_ROOMS rooms at a steady BENCH_RATE sends/s: on
// one chat instance, then on two instances of the same deployment (same database, Redis and broker; each
// with its own fan-out consumer group), members connected round-robin so most deliveries cross instances.
// Then the same load against a plain Socket.IO server that broadcasts in-process (no Kafka, no checks),
// as the baseline. Clients live in a worker thread so they do not share the server's core.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
process.env.PRODVOR_TEST_RUN_ID ??= `bench${Date.now().toString(36)}`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { AppModule } = require('../dist/app.module');
const { FanoutConsumer } = require('../dist/realtime/fanout.consumer');
const platform = require('@prodvor/platform');
const testing = require('@prodvor/testing/dist/bench');
const { Logger, Module } = require('@nestjs/common');
const { Server } = require('socket.io');
const { goalLine } = testing;

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 100);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
/** The first run also warms the broker's JVM and the services' JIT up: without it, it alone paid for that. */
const FIRST_WARMUP_SECONDS = Number(process.env.BENCH_FIRST_WARMUP_SECONDS ?? 12);
const PER_ROOM = Math.floor(SOCKETS / ROOMS);

const ms = (v) => `${v.toFixed(1)} ms`;

async function startChat(env) {
  Logger.overrideLogger(['error']);
  class BenchModule {}
  Module({ imports: [AppModule.forRoot(env)] })(BenchModule);
  const app = await platform.createServiceApp(BenchModule, { serviceName: 'chat' });
  await app.listen(0, '127.0.0.1');
  await app.get(FanoutConsumer).ready();
  return { app, url: `http://127.0.0.1:${app.getHttpServer().address().port}` };
}

/** ROOMS group rooms of PER_ROOM users each, created over HTTP by their owners; one token per member. */
async function seedRooms(idp, url) {
  const rooms = [];
  for (let r = 0; r < ROOMS; r++) {
    const users = Array.from({ length: PER_ROOM }, () => randomUUID());
    const tokens = await Promise.all(
      users.map((sub) => idp.mintToken({ sub, realm_access: { roles: ['player'] } }, { expiresIn: 3600 })),
    );
    const res = await fetch(`${url}/api/v1/chat/group-rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Bench ${r + 1}`, memberIds: users.slice(1) }),
    });
    if (res.status !== 201) throw new Error(`group room: ${res.status} ${await res.text()}`);
    rooms.push({ roomId: (await res.json()).id, tokens });
  }
  return rooms;
}

/** The baseline: Socket.IO alone, broadcasting each send to its room in-process and acknowledging it. */
async function startPlain(maxHttpBufferSize) {
  const http = createServer();
  const io = new Server(http, { path: '/socket.io', serveClient: false, maxHttpBufferSize });
  io.on('connection', (socket) => {
    socket.on('room:join', async ({ roomId }, ack) => {
      await socket.join(roomId);
      ack({ ok: true });
    });
    socket.on('message:send', (payload, ack) => {
      const id = randomUUID();
      const sentAt = new Date().toISOString();
      io.to(payload.roomId).emit('message', { id, ...payload, senderId: null, sentAt });
      ack({ ok: true, id, sentAt });
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}`,
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}

let runs = 0;

function runClients(mode, urls, rooms) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./clients.mjs', import.meta.url), {
      workerData: {
        urls,
        rooms,
        rate: RATE,
        seconds: SECONDS,
        warmupSeconds: runs === 0 ? FIRST_WARMUP_SECONDS : WARMUP_SECONDS,
        mode,
        // Client message ids are idempotency keys: a run reusing another's would be answered, not delivered.
        tag: `run${++runs}`,
      },
    });
    worker.on('message', (message) => {
      if (message.kind === 'connected') console.log(`${mode}: ${message.sockets} sockets connected and joined`);
      if (message.kind === 'result') resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`client worker exited with ${code}`)));
  });
}

function report(r) {
  console.log(
    `${r.mode.padEnd(22)} send→every member p50 ${ms(r.toAll.p50)}  p99 ${ms(r.toAll.p99)}  ` +
      `(per delivery p50 ${ms(r.perDelivery.p50)}  p99 ${ms(r.perDelivery.p99)})  ` +
      `${Math.round(r.deliveredPerSecond)} delivered msgs/s  lost ${r.lost}  duplicated ${r.duplicates}  ` +
      `refused sends ${r.refused}${r.refused ? ` ${JSON.stringify(r.refusals)}` : ''}`,
  );
}

/** The goal lines of issue #19 for one chat run, against the plain Socket.IO run. */
function goals(r, baseline) {
  const figure = (what) => `chat send → delivered to every member, ${r.mode}: ${what}`;
  const plain = `plain Socket.IO`;
  const p50 = r.toAll.p50 / baseline.toAll.p50;
  goalLine({
    service: 'chat',
    figure: figure('p50'),
    value: ms(r.toAll.p50),
    goal: '≤ 3 × plain Socket.IO',
    baseline: `${plain} ${ms(baseline.toAll.p50)}`,
    ratio: p50,
    met: p50 <= 3,
  });
  goalLine({
    service: 'chat',
    figure: figure('p99'),
    value: ms(r.toAll.p99),
    goal: '≤ 100 ms',
    baseline: `${plain} ${ms(baseline.toAll.p99)}`,
    ratio: r.toAll.p99 / baseline.toAll.p99,
    met: r.toAll.p99 <= 100,
  });
  for (const [what, value, base] of [
    ['lost deliveries', r.lost, baseline.lost],
    ['duplicated deliveries', r.duplicates, baseline.duplicates],
  ])
    goalLine({
      service: 'chat',
      figure: figure(`${what} of ${r.expectedDeliveries}`),
      value: String(value),
      goal: '0',
      baseline: `${plain} ${base}`,
      ratio: base === 0 ? (value === 0 ? 1 : Infinity) : value / base,
      met: value === 0 && r.refused === 0,
    });
}

async function main() {
  const [db, kafka, vhost, idp] = await Promise.all([
    testing.createTestDatabase(
      'chat',
      platform.migrationsFor(new URL('../prisma/migrations', import.meta.url).pathname),
    ),
    testing.startPrivateKafka({ jvmOptions: ['-Xms512m', '-Xmx1g'] }),
    testing.createTestVhost('chat'),
    testing.startTestIdentityProvider(),
  ]);
  const chatEnv = {
    SERVICE_NAME: 'chat',
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    MEDIA_GRANT_SECRET: 'bench-only-media-grant-secret-0123456789',
    DATABASE_URL: db.url,
    REDIS_URL: testing.serverUrls.redis,
    REDIS_KEY_PREFIX: testing.uniqueName('chatbench'),
    ...kafka.env,
    RABBITMQ_URL: vhost.url,
    OIDC_ISSUER: idp.issuer,
    OIDC_JWKS_URL: idp.jwksUrl,
    OIDC_AUDIENCE: idp.audience,
    ...(process.env.BENCH_CHAT_ENV ? JSON.parse(process.env.BENCH_CHAT_ENV) : {}),
  };
  const chat = await startChat({ ...chatEnv, CHAT_INSTANCE_ID: 'bench-a' });
  const chat2 = await startChat({ ...chatEnv, CHAT_INSTANCE_ID: 'bench-b' });
  const plain = await startPlain(16_384);
  try {
    const rooms = await seedRooms(idp, chat.url);
    console.log(
      `\n== chat bench: ${ROOMS * PER_ROOM} sockets in ${ROOMS} rooms (${PER_ROOM} members each), ` +
        `${RATE} sends/s for ${SECONDS} s after ${WARMUP_SECONDS} s warm-up ==`,
    );
    const viaKafka = await runClients('chat (Kafka)', [chat.url], rooms);
    const twoInstances = await runClients('chat, 2 instances', [chat.url, chat2.url], rooms);
    const baseline = await runClients('plain Socket.IO', [plain.url], rooms);
    console.log('');
    report(viaKafka);
    report(twoInstances);
    report(baseline);
    for (const r of [viaKafka, twoInstances]) goals(r, baseline);
    if (baseline.lost || baseline.duplicates) process.exitCode = 2;
  } finally {
    await plain.close();
    await chat.app.close();
    await chat2.app.close();
    await kafka.stop();
    await idp.stop();
    await vhost.drop();
    await db.drop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
