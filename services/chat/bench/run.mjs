#!/usr/bin/env node
// `npm run bench:chat`: end-to-end chat latency through the built service (Socket.IO in, real Kafka
// broker, per-instance fan-out consumer, Socket.IO out; persistence to PostgreSQL and Redis guards on
// the way), for BENCH_SOCKETS connected sockets in BENCH_ROOMS rooms at a steady BENCH_RATE sends/s.
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
const { Module } = require('@nestjs/common');
const { Server } = require('socket.io');

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 100);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const PER_ROOM = Math.floor(SOCKETS / ROOMS);

const ms = (v) => `${v.toFixed(1)} ms`;

async function startChat(env) {
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

function runClients(mode, url, rooms) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./clients.mjs', import.meta.url), {
      workerData: {
        url,
        rooms,
        rate: RATE,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        mode,
        tag: mode.startsWith('chat') ? 'chat' : 'plain',
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
  const chat = await startChat({
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
  });
  const plain = await startPlain(16_384);
  try {
    const rooms = await seedRooms(idp, chat.url);
    console.log(
      `\n== chat bench: ${ROOMS * PER_ROOM} sockets in ${ROOMS} rooms (${PER_ROOM} members each), ` +
        `${RATE} sends/s for ${SECONDS} s after ${WARMUP_SECONDS} s warm-up ==`,
    );
    const viaKafka = await runClients('chat (Kafka)', chat.url, rooms);
    const baseline = await runClients('plain Socket.IO', plain.url, rooms);
    console.log('');
    report(viaKafka);
    report(baseline);
    console.log(
      `ratio chat / plain: p50 ${(viaKafka.toAll.p50 / baseline.toAll.p50).toFixed(1)}x  ` +
        `p99 ${(viaKafka.toAll.p99 / baseline.toAll.p99).toFixed(1)}x  ` +
        `throughput ${(viaKafka.deliveredPerSecond / baseline.deliveredPerSecond).toFixed(2)}x`,
    );
    if (viaKafka.lost || viaKafka.duplicates || baseline.lost || baseline.duplicates) process.exitCode = 2;
  } finally {
    await plain.close();
    await chat.app.close();
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
