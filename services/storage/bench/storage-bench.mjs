#!/usr/bin/env node
// `npm run bench:storage`: the built storage-service as its own process (node dist/main.js) against real
// PostgreSQL, Redis, RabbitMQ, a real Kafka broker (its own, started from the Maven jars) and s3rver. Prints
// the figures of issues #8 and #19, each goal as a `GOAL | …` line with its baseline measured in the same run:
//  1. peak RSS growth of the service while a 500 MB file streams through POST /api/v1/uploads/stream (worst
//     of 5 rounds, goal ≤ 64 MB; baseline: a direct lib-storage upload of the same file in its own process),
//     and its throughput as a ratio of that direct upload's (goal ≥ 0.9);
//  2. presign requests/s and p99 (POST /api/v1/uploads; goals ≥ 5,000 req/s and ≤ 10 ms; baseline: a bare
//     Fastify server answering the same requests under the same load generator);
//  3. variants/s of avatar processing (presigned uploads completed at once, the media.process worker).
// Sizes and counts can be changed with BENCH_STREAM_MB, BENCH_PRESIGN_REQUESTS, BENCH_PRESIGN_CONCURRENCY,
// BENCH_STREAM_ROUNDS, BENCH_AVATARS.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  call,
  closedLoop,
  goalLine,
  load,
  mb,
  MiB,
  percentile,
  startChild,
  startService,
  watchMemory,
} from './bench-support.mjs';
import { presignerLoop } from './presigner-loop.mjs';

const require = createRequire(import.meta.url);
process.env.PRODVOR_TEST_RUN_ID ??= `bench${Date.now().toString(36)}`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
process.env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING ??= '1';
const testing = require('@prodvor/testing/dist/bench');
const platform = require('@prodvor/platform');
const sharp = require('sharp');

const STREAM_MB = Number(process.env.BENCH_STREAM_MB ?? 500);
const PRESIGN_REQUESTS = Number(process.env.BENCH_PRESIGN_REQUESTS ?? 2000);
const PRESIGN_CONCURRENCY = Number(process.env.BENCH_PRESIGN_CONCURRENCY ?? 16);
const AVATARS = Number(process.env.BENCH_AVATARS ?? 40);
const ROUNDS = Number(process.env.BENCH_STREAM_ROUNDS ?? 5);
const BUCKET = 'prodvor-media-bench';
const serviceDir = new URL('..', import.meta.url).pathname;

const user = () => testing.bearerHeaders({ sub: randomUUID(), realm_access: { roles: ['player'] } });

/** A file of `megabytes` that sniffs as MP4 (ftyp box) with varied bytes after it. */
function writeVideo(dir, megabytes) {
  const path = join(dir, 'video.mp4');
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + (i >> 9)) & 0xff;
  const header = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
  const first = Buffer.from(block);
  header.copy(first);
  Buffer.from('isomiso2mp41').copy(first, 16);
  writeFileSync(path, first);
  for (let i = 1; i < megabytes; i++) writeFileSync(path, block, { flag: 'a' });
  return { path, size: megabytes * MiB };
}

async function streamingFigures(service, s3, dir) {
  const file = writeVideo(dir, STREAM_MB);
  const warmup = writeVideo(mkdtempSync(join(dir, 'w')), 20);
  const direct = startChild(join(serviceDir, 'bench/direct-upload.mjs'), [JSON.stringify(s3)], { cwd: serviceDir });
  // The client sending the file runs in its own process too, not in this one beside s3rver.
  const client = startChild(join(serviceDir, 'bench/stream-client.mjs'), [], { cwd: serviceDir });
  const streamUpload = async (url, headers, video) => {
    const answer = await client.ask({ url, headers, file: video.path, size: video.size });
    if (answer.error) throw new Error(answer.error);
    return answer.media;
  };
  try {
    await Promise.all([direct.ready, client.ready]);
    const directUpload = (path) => direct.ask({ file: path, bucket: BUCKET, key: `bench/direct-${randomUUID()}` });
    console.log(
      `\n== streaming upload: ${STREAM_MB} MB video (5 MB parts, 4 in flight), ${ROUNDS} rounds (${load()}) ==`,
    );
    // Loads the code paths once (busboy, the S3 client's connections) in both processes before measuring.
    await streamUpload(service.url, user(), warmup);
    await directUpload(warmup.path);
    const served = [];
    const directs = [];
    for (let round = 0; round < ROUNDS; round++) {
      directs.push(await watchMemory(direct.child.pid, () => directUpload(file.path)));
      const through = await watchMemory(service.child.pid, () => streamUpload(service.url, user(), file));
      if (through.result.size !== file.size) throw new Error(`stored ${through.result.size} bytes, sent ${file.size}`);
      served.push(through);
    }
    const worst = (runs) => runs.reduce((a, b) => (b.growth > a.growth ? b : a));
    const rate = (ms) => file.size / MiB / (ms / 1000);
    const best = (runs) => Math.max(...runs.map((r) => rate(r.ms)));
    const [serviceWorst, directWorst] = [worst(served), worst(directs)];
    const [serviceRate, directRate] = [best(served), best(directs)];
    const how = serviceWorst.peakResettable ? 'VmHWM reset before each upload' : 'RSS sampled every 20 ms';
    console.log(
      `service RSS growth per round: ${served.map((r) => mb(r.growth)).join(', ')} MB ` +
        `(median ${mb(
          percentile(
            served.map((r) => r.growth),
            50,
          ),
        )} MB; ${how}; ${mb(serviceWorst.before)} MB before the worst)`,
    );
    console.log(`direct SDK upload RSS growth per round: ${directs.map((r) => mb(r.growth)).join(', ')} MB`);
    console.log(
      `through the service (HTTP → busboy → part buffers → s3rver): best ${serviceRate.toFixed(1)} MB/s ` +
        `(${served.map((r) => (r.ms / 1000).toFixed(1)).join(' s, ')} s)`,
    );
    console.log(
      `direct SDK upload (lib-storage → s3rver), same file:         best ${directRate.toFixed(1)} MB/s ` +
        `(${directs.map((r) => (r.ms / 1000).toFixed(1)).join(' s, ')} s)`,
    );
    goalLine({
      service: 'storage',
      figure: `stream upload ${STREAM_MB} MB: peak RSS growth, worst of ${ROUNDS}`,
      value: `${mb(serviceWorst.growth)} MB`,
      goal: '≤ 64 MB',
      baseline: `direct SDK upload ${mb(directWorst.growth)} MB`,
      ratio: serviceWorst.growth / Math.max(directWorst.growth, 1),
      met: serviceWorst.growth <= 64 * MiB,
    });
    goalLine({
      service: 'storage',
      figure: `stream upload ${STREAM_MB} MB: throughput, best of ${ROUNDS}`,
      value: `${serviceRate.toFixed(1)} MB/s`,
      goal: '≥ 0.9 × direct SDK',
      baseline: `direct SDK upload ${directRate.toFixed(1)} MB/s`,
      ratio: serviceRate / directRate,
      met: serviceRate / directRate >= 0.9,
    });
  } finally {
    await Promise.all([direct.stop(), client.stop()]);
  }
}

async function presignFigures(service, s3) {
  const users = Array.from({ length: Math.ceil(PRESIGN_REQUESTS / 50) + 10 }, user);
  const presign = (url) => (i) =>
    call(url, 'POST', '/api/v1/uploads', users[i % users.length], {
      purpose: 'avatar',
      contentType: 'image/jpeg',
      size: 200_000 + i,
    });
  const hello = startChild(join(serviceDir, 'bench/hello-server.mjs'), [], { cwd: serviceDir });
  try {
    const { url: helloUrl } = await hello.ready;
    console.log(`\n== presign: POST /api/v1/uploads (quota reservation + upload row + signed PUT) (${load()}) ==`);
    await closedLoop(200, PRESIGN_CONCURRENCY, presign(helloUrl));
    const baseline = await closedLoop(PRESIGN_REQUESTS, PRESIGN_CONCURRENCY, presign(helloUrl));
    await closedLoop(200, PRESIGN_CONCURRENCY, presign(service.url));
    const served = await closedLoop(PRESIGN_REQUESTS, PRESIGN_CONCURRENCY, presign(service.url));
    const show = (r) => `${r.rate.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
    console.log(`storage-service, ${PRESIGN_REQUESTS} requests, ${PRESIGN_CONCURRENCY} concurrent: ${show(served)}`);
    console.log(`bare Fastify (same requests, same client), baseline:   ${show(baseline)}`);
    const signing = await presignerLoop(s3, BUCKET);
    console.log(
      `signing alone, one process: SDK getSignedUrl ${signing['SDK getSignedUrl'].toFixed(0)} URLs/s, ` +
        `UrlPresigner ${signing.UrlPresigner.toFixed(0)} URLs/s`,
    );
    goalLine({
      service: 'storage',
      figure: `presign throughput (${PRESIGN_CONCURRENCY} concurrent)`,
      value: `${served.rate.toFixed(0)} req/s`,
      goal: '≥ 5000 req/s',
      baseline: `bare Fastify ${baseline.rate.toFixed(0)} req/s`,
      ratio: served.rate / baseline.rate,
      met: served.rate >= 5000,
    });
    goalLine({
      service: 'storage',
      figure: `presign p99 latency (${PRESIGN_CONCURRENCY} concurrent)`,
      value: `${served.p99.toFixed(1)} ms`,
      goal: '≤ 10 ms',
      baseline: `bare Fastify ${baseline.p99.toFixed(1)} ms`,
      ratio: served.p99 / baseline.p99,
      met: served.p99 <= 10,
    });
  } finally {
    await hello.stop();
  }
}

async function processingFigures(service) {
  const photo = await sharp({
    // Noise: a photo-like file size (flat colours would compress to almost nothing).
    create: { width: 1600, height: 1200, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  const owner = user();
  const tickets = [];
  for (let i = 0; i < AVATARS; i++) {
    const ticket = await call(service.url, 'POST', '/api/v1/uploads', owner, {
      purpose: 'avatar',
      contentType: 'image/jpeg',
      size: photo.length,
    });
    const put = await fetch(ticket.request.url, { method: 'PUT', headers: ticket.request.headers, body: photo });
    if (put.status !== 200) throw new Error(`PUT ${put.status}`);
    tickets.push(ticket);
  }
  console.log(
    `\n== avatar processing: ${AVATARS} JPEGs of 1600×1200 (${mb(photo.length)} MB) → 200×200 + 400×400 WebP ==`,
  );
  const started = performance.now();
  await Promise.all(tickets.map((t) => call(service.url, 'POST', `/api/v1/uploads/${t.id}/complete`, owner, {})));
  const pending = new Set(tickets.map((t) => t.id));
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const media = await call(service.url, 'GET', `/api/v1/media/${id}`, owner);
      if (media.status === 'failed') throw new Error(`processing failed: ${media.failureCode}`);
      if (media.status === 'ready') pending.delete(id);
    }
    if (pending.size > 0) await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${AVATARS * 2} variants in ${seconds.toFixed(1)} s: ${((AVATARS * 2) / seconds).toFixed(1)} variants/s ` +
      `(${(AVATARS / seconds).toFixed(1)} avatars/s, worker prefetch ${process.env.MEDIA_JOB_PREFETCH ?? 2})`,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'prodvor-storage-bench-'));
  const db = await testing.createTestDatabase('storage', platform.migrationsFor(join(serviceDir, 'prisma/migrations')));
  const kafka = await testing.startPrivateKafka({ jvmOptions: ['-Xms512m', '-Xmx1g'] });
  const vhost = await testing.createTestVhost('storagebench');
  const s3 = await testing.startS3Server();
  await testing.createBucket(s3, BUCKET);
  let service;
  try {
    service = await startService(serviceDir, {
      SERVICE_NAME: 'storage',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      REDIS_URL: testing.serverUrls.redis,
      REDIS_KEY_PREFIX: testing.uniqueName('storagebench'),
      ...kafka.env,
      RABBITMQ_URL: vhost.url,
      ...(await testing.testIdentityEnv()),
      MEDIA_GRANT_SECRET: 'bench-only-media-grant-secret-0123456789',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    console.log(`storage-service pid ${service.child.pid} on ${service.url} (node ${process.version}, ${load()})`);
    await streamingFigures(service, s3, dir);
    await presignFigures(service, s3);
    await processingFigures(service);
    console.log(`\nend of run: ${load()}`);
  } finally {
    if (service) {
      service.child.kill('SIGTERM');
      await new Promise((resolve) =>
        service.child.exitCode !== null ? resolve() : service.child.once('exit', resolve),
      );
    }
    rmSync(dir, { recursive: true, force: true });
    await s3.stop();
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
